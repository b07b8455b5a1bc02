// The SvelteKit test app (test/app) in SvelteKit's own servers: `vite dev`, and
// @sveltejs/adapter-node's server on a production build made once per run — rebuilt only
// when what it is built from changed (its files, the built @corsa packages, the testkit
// files its routes import, SvelteKit and Vite).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOnce, filesUnder, freePort, type RunningServer, startServerProcess } from '@corsa/testkit';

const APP_DIR = fileURLToPath(new URL('./app/', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
// vite's exports name no bin: its package.json locates it.
const VITE_BIN = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');

/** Builds the app with `vite build` (adapter-node writes build/) unless the last build was made from the same inputs. */
export function ensureBuilt(): Promise<void> {
  return buildOnce({
    inputs: () => [
      ...filesUnder(APP_DIR, ['build', '.svelte-kit', 'node_modules']),
      ...filesUnder(join(repo, 'packages/sveltekit/dist')),
      ...filesUnder(join(repo, 'packages/core/dist')),
      ...['browser-app.ts', 'reference-app.ts', 'under-prefix.ts'].map((file) => join(repo, 'packages/testkit/src', file)),
      ...['@sveltejs/kit', '@sveltejs/adapter-node', 'vite', 'svelte'].map((name) => join(repo, 'node_modules', name, 'package.json')),
    ],
    stampFile: join(APP_DIR, 'build/corsa-build-stamp'),
    lockDir: join(APP_DIR, '.build-lock'),
    build: () => {
      const build = spawnSync(process.execPath, [VITE_BIN, 'build'], { cwd: APP_DIR, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
    },
  });
}

export type SvelteKitServer = 'vite dev' | 'adapter-node';

/** Serves the test app on 127.0.0.1: `vite dev`, or the adapter-node build (`node build`). */
export async function startSvelteKit(server: SvelteKitServer, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  if (server === 'vite dev') {
    return startServerProcess(process.execPath, [VITE_BIN, 'dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: APP_DIR,
      env,
      timeoutMs: 60_000,
    });
  }
  await ensureBuilt();
  return startServerProcess(process.execPath, [join(APP_DIR, 'build/index.js')], { cwd: APP_DIR, env: { ...env, PORT: String(port), HOST: '127.0.0.1' } });
}
