// Starts Debian's nginx unprivileged (its own prefix directory, no daemon, logs and temp
// files inside it) on a free port of 127.0.0.1, with a `server { … }` body the test writes.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from './adapter-vectors.js';
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
  const dir = mkdtempSync(join(tmpdir(), 'corsa-nginx-'));
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
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (child.exitCode !== null) break;
    try {
      await fetch(baseUrl, { method: 'HEAD' });
      return { baseUrl, pid: child.pid, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await stop();
  throw new Error(`nginx did not start: ${stderr}`);
}
