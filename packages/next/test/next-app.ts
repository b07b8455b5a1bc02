// The Next.js test apps in Next.js's own servers: `next dev`, and `next start` on a
// production build made once per run — rebuilt only when what it is built from changed
// (its files, the built @corsa packages, the testkit apps it serves, Next.js).
//   test/app       route.ts handlers under withCors, and corsProxy as proxy.ts (Node.js)
//   test/edge-app  corsProxy as middleware.ts, on the Edge runtime (Next.js refuses a
//                  project with both a proxy.ts and a middleware.ts)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOnce, filesUnder, freePort, type RunningServer, startServerProcess } from '@corsa/testkit';

export type TestApp = 'app' | 'edge-app';
const dirOf = (app: TestApp) => fileURLToPath(new URL(`./${app}/`, import.meta.url));
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');
const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: '1' };
const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds the app with `next build` unless the last build was made from the same inputs. */
export function ensureBuilt(app: TestApp = 'app'): Promise<void> {
  const appDir = dirOf(app);
  return buildOnce({
    // Its files, the built @corsa packages, the testkit files its routes import, Next.js.
    inputs: () => [
      ...filesUnder(appDir, ['.next', 'cache', 'node_modules']),
      ...filesUnder(join(repo, 'packages/next/dist')),
      ...filesUnder(join(repo, 'packages/core/dist')),
      ...['browser-app.ts', 'reference-app.ts', 'under-prefix.ts'].map((file) => join(repo, 'packages/testkit/src', file)),
      join(repo, 'node_modules/next/package.json'),
    ],
    stampFile: join(appDir, '.next/corsa-build-stamp'),
    lockDir: join(appDir, '.next-build-lock'),
    build: () => {
      const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: appDir, env: { ...process.env, ...NEXT_ENV }, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
    },
  });
}

/** Serves a test app: `next start` (the production build) or `next dev`, on 127.0.0.1. */
export async function startNext(mode: 'start' | 'dev', env: Record<string, string> = {}, app: TestApp = 'app'): Promise<RunningServer> {
  if (mode === 'start') await ensureBuilt(app);
  const port = await freePort();
  return startServerProcess(process.execPath, [NEXT_BIN, mode, '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: dirOf(app),
    env: { ...NEXT_ENV, ...env },
    timeoutMs: 120_000,
  });
}

/** The `Vary` tokens Next.js adds to every App Router response, for its client router's cache. */
export const NEXT_VARY = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch'];
