// start.ts as a user runs it: astro build, then the server (testkit's testBuiltExample).
import { fileURLToPath } from 'node:url';
import { testBuiltExample } from '@corsa/testkit';

testBuiltExample(fileURLToPath(new URL('.', import.meta.url)));
