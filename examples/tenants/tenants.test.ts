// examples/tenants in its two runtimes over their real stores: the Worker in workerd
// (Miniflare, a local KV namespace) and the Deno server over Deno KV (a database file),
// each with the test's fault switch in front of the store (test/faults.ts); then the
// example's own entry points booted as the README starts them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForWorkerd, runToCompletion, startServerProcess } from '@corsa/testkit';
import { Miniflare } from 'miniflare';
import { expect, it } from 'vitest';
import { runTenantScenarios, TEST_VARS } from './test/scenarios.ts';
import { setTenant, startTenantsWorker } from './test/start.ts';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const deno = fileURLToPath(new URL('../../node_modules/.bin/deno', import.meta.url));

runTenantScenarios('the tenants Worker in workerd, over Workers KV', async () => {
  const mf = new Miniflare({
    modules: true,
    script: await bundleForWorkerd(join(cwd, 'test/worker-with-faults.ts')),
    compatibilityDate: '2026-01-01',
    kvNamespaces: ['ORIGINS'],
    bindings: { ...TEST_VARS },
    host: '127.0.0.1',
    port: 0,
  });
  const url = await mf.ready;
  const kv = await mf.getKVNamespace('ORIGINS');
  return { baseUrl: url.origin, stop: () => mf.dispose(), writeBehind: (origin, allowed = true) => (allowed ? kv.put(origin, '1') : kv.delete(origin)) };
});

runTenantScenarios('the tenants server on Deno, over Deno KV', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corsa-tenants-kv-'));
  const KV_PATH = join(dir, 'origins.sqlite');
  const server = await startServerProcess(
    deno,
    ['run', '--unstable-kv', '--allow-net', '--allow-env', '--allow-read', '--allow-write', 'test/deno-with-faults.ts'],
    {
      cwd,
      env: { ...TEST_VARS, KV_PATH, PORT: '0' },
    },
  );
  // Another writer: a second Deno process opening the same database.
  const writeBehind = async (origin: string, allowed = true) => {
    const key = `['tenant-origins', ${JSON.stringify(origin)}]`;
    const script = `const kv = await Deno.openKv(${JSON.stringify(KV_PATH)}); await ${allowed ? `kv.set(${key}, true)` : `kv.delete(${key})`}; kv.close();`;
    const { code, output } = await runToCompletion(deno, ['eval', '--unstable-kv', script], { cwd });
    expect(code, output).toBe(0);
  };
  return { ...server, writeBehind, stop: async () => (await server.stop(), rmSync(dir, { recursive: true, force: true })) };
});

/** A tenant is refused, added through the admin route, then allowed: the README's walk-through. */
async function addAndAllow(baseUrl: string): Promise<void> {
  const tenant = 'https://shop.example';
  expect((await fetch(`${baseUrl}/api/hello`, { headers: { origin: tenant } })).headers.get('access-control-allow-origin')).toBeNull();
  await setTenant(baseUrl, tenant, true);
  expect((await fetch(`${baseUrl}/api/hello`, { headers: { origin: tenant } })).headers.get('access-control-allow-origin')).toBe(tenant);
}

it('npm run worker -w examples/tenants: wrangler dev with its local KV (here in a directory of its own)', async () => {
  const server = await startTenantsWorker();
  try {
    await addAndAllow(server.baseUrl);
  } finally {
    await server.stop();
  }
}, 120_000);

it('npm run deno -w examples/tenants: Deno KV (KV_PATH); deno check passes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corsa-tenants-deno-'));
  const server = await startServerProcess('npm', ['run', 'deno', '-w', 'examples/tenants'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    env: { KV_PATH: join(dir, 'kv.sqlite'), PORT: '0' },
  });
  try {
    await addAndAllow(server.baseUrl);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const checked = await runToCompletion(deno, ['check', 'src/deno.ts', 'test/deno-with-faults.ts'], { cwd });
  expect(checked.output).not.toMatch(/error/i);
  expect(checked.code).toBe(0);
}, 60_000);
