// The Astro test app (test/app) in Astro's own servers: `astro dev`, and @astrojs/node's
// standalone server on a production build made once per run — rebuilt only when what it is
// built from changed (its files, the built @corsa packages, the testkit files its routes
// import, Astro and its Node adapter).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOnce, filesUnder, freePort, type RunningServer, startServerProcess } from '@corsa/testkit';

const APP_DIR = fileURLToPath(new URL('./app/', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const ASTRO_BIN = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');
const ASTRO_ENV = { ASTRO_TELEMETRY_DISABLED: '1' };

/** The app as built: with Astro's origin check off (dist/, what the tests serve) or on (its default). */
export type AstroBuild = 'dist' | 'dist-origin-check';

/** Builds the app with `astro build` unless the last build was made from the same inputs. */
export function ensureBuilt(build: AstroBuild = 'dist'): Promise<void> {
  const env = { ...process.env, ...ASTRO_ENV, ...(build === 'dist-origin-check' ? { WITH_ASTRO_ORIGIN_CHECK: '1' } : {}) };
  return buildOnce({
    inputs: () => [
      ...filesUnder(APP_DIR, ['dist', 'dist-origin-check', '.astro', 'node_modules']),
      ...filesUnder(join(repo, 'packages/astro/dist')),
      ...filesUnder(join(repo, 'packages/core/dist')),
      ...['browser-app.ts', 'reference-app.ts', 'under-prefix.ts'].map((file) => join(repo, 'packages/testkit/src', file)),
      ...['astro', '@astrojs/node'].map((name) => join(repo, 'node_modules', name, 'package.json')),
    ],
    stampFile: join(APP_DIR, build, 'corsa-build-stamp'),
    // One lock for both: the builds share .astro/.
    lockDir: join(APP_DIR, '.build-lock'),
    build: () => {
      const result = spawnSync(process.execPath, [ASTRO_BIN, 'build'], { cwd: APP_DIR, env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
    },
  });
}

export type AstroServer = 'astro dev' | 'standalone';

/** Serves the test app on 127.0.0.1: `astro dev`, or a standalone build (`node dist/server/entry.mjs`). */
export async function startAstro(server: AstroServer, env: Record<string, string> = {}, build: AstroBuild = 'dist'): Promise<RunningServer> {
  const port = await freePort();
  if (server === 'astro dev') {
    return startServerProcess(process.execPath, [ASTRO_BIN, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: APP_DIR,
      env: { ...ASTRO_ENV, ...env },
      timeoutMs: 60_000,
    });
  }
  await ensureBuilt(build);
  return startServerProcess(process.execPath, [join(APP_DIR, build, 'server/entry.mjs')], {
    cwd: APP_DIR,
    env: { ...ASTRO_ENV, ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
}
