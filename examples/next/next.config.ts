import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The example imports ../shared (the banner's defaults, the JSON body helper), outside this folder.
const repository = fileURLToPath(new URL('../../', import.meta.url));

const config: NextConfig = { turbopack: { root: repository }, outputFileTracingRoot: repository };
export default config;
