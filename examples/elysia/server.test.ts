import { fileURLToPath } from 'node:url';
import { startServerProcess, testServedExample } from '@corsa/testkit';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const bun = fileURLToPath(new URL('../../node_modules/.bin/bun', import.meta.url));

testServedExample('in Elysia on Bun', (env) => startServerProcess(bun, ['run', 'server.ts'], { cwd, env }));
