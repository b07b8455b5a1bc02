// Starts Debian's Caddy in the foreground with a Caddyfile of its own on a free port of
// 127.0.0.1: plain HTTP, no admin endpoint, its data and configuration directories inside
// the server's own directory.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from './adapter-vectors.js';
import { daemonDir, startDaemon } from './daemon.js';
import { ensureDebianPackages } from './debian.js';
import { freePort } from './runtimes.js';

export const CADDY = '/usr/bin/caddy';

/** Installs Debian's caddy unless it is there. */
export function ensureCaddy(): void {
  ensureDebianPackages('Caddy', () => existsSync(CADDY), ['caddy']);
}

/** Serves `siteBody` (the directives of one site block: `header`, `handle`, `reverse_proxy` …) on a free port. */
export async function startCaddy(siteBody: string): Promise<RunningServer> {
  ensureCaddy();
  const dir = daemonDir('caddy');
  const port = await freePort();
  const caddyfile = join(dir, 'Caddyfile');
  writeFileSync(
    caddyfile,
    `{
  admin off
  auto_https off
}
http://127.0.0.1:${port} {
${siteBody}
}
`,
  );
  return startDaemon({
    command: CADDY,
    args: ['run', '--config', caddyfile, '--adapter', 'caddyfile'],
    dir,
    port,
    stopSignal: 'SIGTERM',
    env: { XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir },
  });
}
