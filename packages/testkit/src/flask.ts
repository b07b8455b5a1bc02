// Starts a Flask app with Debian's python3-flask and python3-flask-cors (Werkzeug serves
// it, on a port it picks on 127.0.0.1). `/usr/bin/python3` is Debian's interpreter.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './adapter-vectors.js';
import { ensureDebianPackages } from './debian.js';
import { DEBIAN_PYTHON } from './fastapi.js';
import { startServerProcess } from './runtimes.js';

/** Installs python3-flask and python3-flask-cors when Debian's python cannot import them. */
export function ensureFlask(): void {
  ensureDebianPackages('Flask and flask-cors for /usr/bin/python3', () => {
    try {
      execFileSync(DEBIAN_PYTHON, ['-c', 'import flask, flask_cors'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }, ['python3-flask', 'python3-flask-cors']);
}

const APP = fileURLToPath(new URL('../servers/flask_cors_app.py', import.meta.url));

/** testkit/servers/flask_cors_app.py in `mode` ("credentials", or "setup" with `setup` as the Python that configures CORS). */
export function startFlask(mode: 'credentials' | 'setup' | 'none', pageOrigin: string, setup = ''): Promise<RunningServer> {
  ensureFlask();
  return startServerProcess(DEBIAN_PYTHON, [APP], { env: { CORS_MODE: mode, PAGE_ORIGIN: pageOrigin, CORS_SETUP: setup }, timeoutMs: 30_000 });
}
