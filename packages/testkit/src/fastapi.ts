// Starts a FastAPI app with Debian's python3-fastapi and python3-uvicorn, on a port of
// its own on 127.0.0.1. `/usr/bin/python3` is Debian's interpreter (the `python3` on
// PATH may be another one, without these packages).
import { execFileSync } from 'node:child_process';
import type { RunningServer } from './adapter-vectors.js';
import { ensureDebianPackages } from './debian.js';
import { freePort, startServerProcess } from './runtimes.js';

export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Installs `packages` when Debian's python cannot `import` each of `modules` (`what` names them in the install message). */
export function ensurePythonModules(what: string, modules: readonly string[], packages: string[]): void {
  ensureDebianPackages(
    `${what} for ${DEBIAN_PYTHON}`,
    () => {
      try {
        execFileSync(DEBIAN_PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    },
    packages,
  );
}

/** Installs python3-fastapi and python3-uvicorn when Debian's python cannot import them. */
export function ensureFastApi(): void {
  ensurePythonModules('FastAPI', ['fastapi', 'uvicorn'], ['python3-fastapi', 'python3-uvicorn']);
}

/** Serves `module:app` (e.g. `main:app`) from `dir` with uvicorn on a free port of 127.0.0.1. */
export async function startFastApi(dir: string, app = 'main:app', env: Record<string, string> = {}): Promise<RunningServer> {
  ensureFastApi();
  const port = await freePort();
  const server = await startServerProcess(DEBIAN_PYTHON, ['-m', 'uvicorn', app, '--host', '127.0.0.1', '--port', String(port), '--no-access-log'], {
    cwd: dir,
    env,
    timeoutMs: 30_000,
  });
  return server;
}
