// A SvelteKit API (+server.ts routes, Corsa as the handle in hooks.server.ts) configured from
// CORS_* environment variables: the API a React app on Vite's :5173 calls.
//   npm start -w examples/sveltekit                          (from the repository root: builds, then serves)
//   PORT=3100 CORS_ORIGINS=https://app.example.com npm start -w examples/sveltekit
//   npm run dev -w examples/sveltekit                        (vite dev, on :5173)
// `vite build` (adapter-node) then `node build`, with the banner every example prints once it listens.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corsOptionsFromEnv } from '@corsa/core';
import { banner, LOCAL_DEVELOPMENT } from '../shared/banner.ts';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');

// The policy is checked here first, so that a bad CORS_* value is one line, not a build log.
let options: ReturnType<typeof corsOptionsFromEnv>;
try {
  options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

/** PORT=0 means any free port; adapter-node would print :0 rather than the port it got. */
async function portToUse(): Promise<string> {
  const wanted = process.env.PORT ?? '3008';
  if (wanted !== '0') return wanted;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return String(port);
}

const env = { ...process.env, PORT: await portToUse(), HOST: process.env.HOST ?? '127.0.0.1' };
const server = spawn(process.execPath, ['build/index.js'], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
let announced = false;
server.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  const listening = /Listening on (https?:\/\/\S+)/.exec(chunk.toString());
  if (listening && !announced) {
    announced = true;
    console.log(banner('Corsa example, SvelteKit', listening[1] as string, options));
  }
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
