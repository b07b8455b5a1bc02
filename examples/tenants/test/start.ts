// The example's Worker as the README starts it (`npm run worker -w examples/tenants`), on a
// port the caller's test picks and with a local KV of its own, for the example's test and
// the browser suite; and the admin calls they make with the local-development token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type RunningServer, startServerProcess } from '@corsa/testkit';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const LOCAL_ADMIN = { authorization: 'Bearer local-development-admin-token' };

export async function startTenantsWorker(): Promise<RunningServer> {
  const persist = mkdtempSync(join(tmpdir(), 'corsa-tenants-wrangler-'));
  const port = await freePort();
  const server = await startServerProcess('npm', ['run', 'worker', '-w', 'examples/tenants', '--', '--port', String(port), '--persist-to', persist], {
    cwd: root,
    env: { WRANGLER_SEND_METRICS: 'false' },
    timeoutMs: 90_000,
  });
  return { ...server, stop: async () => (await server.stop(), rmSync(persist, { recursive: true, force: true })) };
}

/** `PUT` (allow) or `DELETE` (refuse again) a tenant's origin through the admin route. */
export async function setTenant(baseUrl: string, origin: string, allowed: boolean): Promise<void> {
  const response = await fetch(`${baseUrl}/admin/origins?origin=${encodeURIComponent(origin)}`, { method: allowed ? 'PUT' : 'DELETE', headers: LOCAL_ADMIN });
  if (response.status !== 204) throw new Error(`admin ${allowed ? 'PUT' : 'DELETE'} ${origin}: ${response.status} ${await response.text()}`);
}
