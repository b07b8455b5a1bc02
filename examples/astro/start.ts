// An Astro API (on-demand endpoints, Corsa as the middleware in src/middleware.ts) configured
// from CORS_* environment variables: the API a React app on Vite's :5173 calls.
//   npm start -w examples/astro                          (from the repository root: builds, then serves)
//   PORT=3100 CORS_ORIGINS=https://app.example.com npm start -w examples/astro
//   npm run dev -w examples/astro                        (astro dev, on :4321)
// `astro build` (@astrojs/node, standalone) then its server, with the banner every example prints once it listens.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildThenServe } from '../shared/build-then-serve.ts';
import { portToUse } from '../shared/port.ts';

const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');

buildThenServe({
  title: 'Corsa example, Astro',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  build: [astro, 'build', '--silent'],
  serve: ['dist/server/entry.mjs'],
  env: { PORT: await portToUse(3010), HOST: process.env.HOST ?? '127.0.0.1', ASTRO_TELEMETRY_DISABLED: '1' },
  listening: /listening on (https?:\/\/\S+)/i,
});
