// A SvelteKit API (+server.ts routes, Corsa as the handle in hooks.server.ts) configured from
// CORS_* environment variables: the API a React app on Vite's :5173 calls.
//   npm start -w examples/sveltekit                          (from the repository root: builds, then serves)
//   PORT=3100 CORS_ORIGINS=https://app.example.com npm start -w examples/sveltekit
//   npm run dev -w examples/sveltekit                        (vite dev, on :5173)
// `vite build` (adapter-node) then `node build`, with the banner every example prints once it listens.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildThenServe } from '../shared/build-then-serve.ts';
import { portToUse } from '../shared/port.ts';

const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');

buildThenServe({
  title: 'Corsa example, SvelteKit',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  build: [vite, 'build', '--logLevel', 'warn'],
  serve: ['build/index.js'],
  env: { PORT: await portToUse(3008), HOST: process.env.HOST ?? '127.0.0.1' },
  listening: /Listening on (https?:\/\/\S+)/,
});
