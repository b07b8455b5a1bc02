// Starts Debian's Apache httpd (apache2) in the foreground with a configuration of its
// own (no /etc/apache2), on a free port of 127.0.0.1, with the directives a test writes.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from './adapter-vectors.js';
import { daemonDir, startDaemon } from './daemon.js';
import { ensureDebianPackages } from './debian.js';
import { freePort } from './runtimes.js';

export const APACHE = '/usr/sbin/apache2';

/** Installs Debian's apache2 unless it is there. */
export function ensureApache(): void {
  ensureDebianPackages('Apache httpd', () => existsSync(APACHE), ['apache2']);
}

/** The modules a CORS set-up uses: mod_headers, mod_setenvif, mod_rewrite, and mod_proxy to an upstream. */
const MODULES = ['mpm_event', 'authz_core', 'headers', 'setenvif', 'rewrite', 'proxy', 'proxy_http'];

/** Serves `directives` (server-level configuration: `<Location>`, `Header`, `ProxyPass` …) on a free port. */
export async function startApache(directives: string): Promise<RunningServer> {
  ensureApache();
  const dir = daemonDir('apache');
  const port = await freePort();
  const config = join(dir, 'httpd.conf');
  writeFileSync(
    config,
    `${MODULES.map((name) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${name}.so`).join('\n')}
ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${dir}/error.log
# Started as root (CI), Apache serves as www-data, as Debian's own configuration does.
User www-data
Group www-data
StartServers 1
ServerLimit 1
ThreadsPerChild 16
${directives}
`,
  );
  return startDaemon({ command: APACHE, args: ['-d', dir, '-f', config, '-DFOREGROUND'], dir, port, stopSignal: 'SIGTERM' });
}
