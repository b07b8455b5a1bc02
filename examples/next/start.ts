// A Next.js API (App Router route handlers) with Corsa, configured from CORS_* environment
// variables: the API a React app on Vite's :5173 calls.
//   npm start -w examples/next                          (from the repository root: builds, then serves)
//   PORT=3100 CORS_ORIGINS=https://app.example.com npm start -w examples/next
//   npm run dev -w examples/next                        (next dev, on :3000)
// `next build` then `next start`, with the banner every example prints once Next.js listens.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { corsOptionsFromEnv } from '@corsa/core';
import { banner, LOCAL_DEVELOPMENT } from '../shared/banner.ts';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
const env = { NEXT_TELEMETRY_DISABLED: '1', ...process.env };

// The policy is checked here first, so that a bad CORS_* value is one line, not a build log.
let options: ReturnType<typeof corsOptionsFromEnv>;
try {
  options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const build = spawnSync(process.execPath, [next, 'build'], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = process.env.PORT ?? '3007';
const hostname = process.env.HOST ?? '127.0.0.1';
const server = spawn(process.execPath, [next, 'start', '--port', port, '--hostname', hostname], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
let announced = false;
server.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  const local = /Local:\s+(https?:\/\/\S+)/.exec(chunk.toString());
  if (local && !announced) {
    announced = true;
    console.log(banner('Corsa example, Next.js', local[1] as string, options));
  }
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
