// Starts Debian's nginx unprivileged (its own prefix directory, no daemon, logs and temp
// files inside it) on a free port of 127.0.0.1, with a `server { … }` body the test writes.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from './adapter-vectors.js';
import { daemonDir, startDaemon } from './daemon.js';
import { ensureDebianPackages } from './debian.js';
import { freePort } from './runtimes.js';

export const NGINX = '/usr/sbin/nginx';

/** Installs Debian's nginx unless it is there. */
export function ensureNginx(): void {
  ensureDebianPackages(NGINX, () => existsSync(NGINX), ['nginx']);
}

/**
 * Serves `serverBody` (the directives inside `server { }`, without `listen`) on a free
 * port. `{port}` in the body is replaced by the port, for redirects that name it.
 */
export async function startNginx(serverBody: string): Promise<RunningServer> {
  ensureNginx();
  const dir = daemonDir('nginx');
  mkdirSync(join(dir, 'logs'));
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/${name};`).join('\n  ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    ${serverBody.replaceAll('{port}', String(port))}
  }
}
`,
  );
  return startDaemon({ command: NGINX, args: ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], dir, port, stopSignal: 'SIGQUIT' });
}
