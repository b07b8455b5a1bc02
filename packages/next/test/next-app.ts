// The Next.js test apps in Next.js's own servers: `next dev`, and `next start` on a
// production build made once per run — rebuilt only when what it is built from changed
// (its files, the built @corsa packages, the testkit apps it serves, Next.js).
//   test/app       route.ts handlers under withCors, and corsProxy as proxy.ts (Node.js)
//   test/edge-app  corsProxy as middleware.ts, on the Edge runtime (Next.js refuses a
//                  project with both a proxy.ts and a middleware.ts)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type RunningServer, startServerProcess } from '@corsa/testkit';

export type TestApp = 'app' | 'edge-app';
const dirOf = (app: TestApp) => fileURLToPath(new URL(`./${app}/`, import.meta.url));
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');
const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: '1' };

/** Every file the build of the app in `appDir` depends on that this repository changes. */
function buildInputs(appDir: string): string[] {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (name === '.next' || name === 'cache' || name === 'node_modules') return [];
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return [
    ...walk(appDir),
    // edge-app's route reuses app's prefix helper
    join(repo, 'packages/next/test/app/under-prefix.js'),
    ...walk(join(repo, 'packages/next/dist')),
    ...walk(join(repo, 'packages/core/dist')),
    join(repo, 'packages/testkit/src/browser-app.ts'),
    join(repo, 'packages/testkit/src/reference-app.ts'),
    join(repo, 'node_modules/next/package.json'),
  ].sort();
}

function stampNow(appDir: string): string {
  const hash = createHash('sha256');
  for (const file of buildInputs(appDir)) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * Builds the app with `next build` unless the last build was made from the same inputs.
 * Test files running side by side wait for one build (a lock directory).
 */
export async function ensureBuilt(app: TestApp = 'app'): Promise<void> {
  const appDir = dirOf(app);
  const STAMP = join(appDir, '.next/corsa-build-stamp');
  const LOCK = join(appDir, '.next-build-lock');
  for (;;) {
    const stamp = stampNow(appDir);
    if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another file is building: wait for it, then look again. A lock older than the
      // longest build is a crashed run's.
      if (Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    try {
      const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: appDir, env: { ...process.env, ...NEXT_ENV }, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
      writeFileSync(STAMP, stamp);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
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
