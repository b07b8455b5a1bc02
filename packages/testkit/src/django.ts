// Starts a Django app with Debian's python3-django and python3-django-cors-headers, served
// by the server `manage.py runserver` uses, on a port it picks on 127.0.0.1.
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './adapter-vectors.js';
import { DEBIAN_PYTHON, ensurePythonModules } from './fastapi.js';
import { startServerProcess } from './runtimes.js';

/** Installs python3-django and python3-django-cors-headers when Debian's python cannot import them. */
export function ensureDjango(): void {
  ensurePythonModules('Django and django-cors-headers', ['django', 'corsheaders'], ['python3-django', 'python3-django-cors-headers']);
}

const APP = fileURLToPath(new URL('../servers/django_cors_app.py', import.meta.url));

/** testkit/servers/django_cors_app.py in `mode` ("setup" with `setup` as the settings that configure CORS). */
export function startDjango(mode: 'listed' | 'regex' | 'setup' | 'none', pageOrigin: string, setup = ''): Promise<RunningServer> {
  ensureDjango();
  return startServerProcess(DEBIAN_PYTHON, [APP], { env: { CORS_MODE: mode, PAGE_ORIGIN: pageOrigin, CORS_SETUP: setup }, timeoutMs: 30_000 });
}
