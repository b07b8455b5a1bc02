// A Next.js API (App Router route handlers) with Corsa, configured from CORS_* environment
// variables: the API a React app on Vite's :5173 calls.
//   npm start -w examples/next                          (from the repository root: builds, then serves)
//   PORT=3100 CORS_ORIGINS=https://app.example.com npm start -w examples/next
//   npm run dev -w examples/next                        (next dev, on :3000)
// `next build` then `next start`, with the banner every example prints once Next.js listens.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildThenServe } from '../shared/build-then-serve.ts';

const next = createRequire(import.meta.url).resolve('next/dist/bin/next');

buildThenServe({
  title: 'Corsa example, Next.js',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  build: [next, 'build'],
  serve: [next, 'start', '--port', process.env.PORT ?? '3007', '--hostname', process.env.HOST ?? '127.0.0.1'],
  env: { NEXT_TELEMETRY_DISABLED: '1' },
  listening: /Local:\s+(https?:\/\/\S+)/,
});
