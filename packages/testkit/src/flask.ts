// Starts a Flask app with Debian's python3-flask and python3-flask-cors (Werkzeug serves
// it, on a port it picks on 127.0.0.1). `/usr/bin/python3` is Debian's interpreter.
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './adapter-vectors.js';
import { DEBIAN_PYTHON, ensurePythonModules } from './fastapi.js';
import { startServerProcess } from './runtimes.js';

/** Installs python3-flask and python3-flask-cors when Debian's python cannot import them. */
export function ensureFlask(): void {
  ensurePythonModules('Flask and flask-cors', ['flask', 'flask_cors'], ['python3-flask', 'python3-flask-cors']);
}

const APP = fileURLToPath(new URL('../servers/flask_cors_app.py', import.meta.url));

/** testkit/servers/flask_cors_app.py in `mode` ("credentials", or "setup" with `setup` as the Python that configures CORS). */
export function startFlask(mode: 'credentials' | 'setup' | 'none', pageOrigin: string, setup = ''): Promise<RunningServer> {
  ensureFlask();
  return startServerProcess(DEBIAN_PYTHON, [APP], { env: { CORS_MODE: mode, PAGE_ORIGIN: pageOrigin, CORS_SETUP: setup }, timeoutMs: 30_000 });
}
