// The examples in real browsers (Chromium, Firefox, WebKitGTK), one launch of the engines:
// - examples/gateway: a page on an origin the gateway does not list can read the FastAPI app
//   directly (its CORSMiddleware allows any origin), but not through the gateway; the listed
//   page works through the gateway, cookies and preflights included;
// - examples/tenants: a page on a tenant's origin is blocked until the admin adds the origin
//   to the store (Workers KV under wrangler dev), reads the API with credentials at once
//   after, and is blocked again at once after the origin is removed.
import { type RunningServer, startFastApi } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, UPSTREAM_DIR } from '../../../examples/gateway/start.ts';
import { setTenant, startTenantsWorker } from '../../../examples/tenants/test/start.ts';
import { ENGINE_NAMES, type Engine, type EngineName, type EnginePage, fetchIn } from './engines/index.js';
import { launchEngines } from './engines/suite.js';
import { type PageServer, startPageServer } from './page-server.js';

let engines: Map<EngineName, Engine>;
let pages: PageServer;
let fastapi: RunningServer;
beforeAll(async () => {
  [engines, pages, fastapi] = await Promise.all([launchEngines(), startPageServer(), startFastApi(UPSTREAM_DIR)]);
}, 600_000);
afterAll(async () => {
  for (const engine of engines?.values() ?? []) await engine.close();
  await pages?.stop();
  await fastapi?.stop();
});

const json = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };

describe.each(['worker', 'bun'] as const)('examples/gateway (%s)', (runtime) => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await startGateway(runtime, fastapi.baseUrl, `http://127.0.0.1:${pages.port}`);
  }, 120_000);
  afterAll(() => gateway?.stop());

  describe.each(ENGINE_NAMES)('in %s', (engineName) => {
    let listed: EnginePage;
    let stranger: EnginePage;
    beforeAll(async () => {
      const engine = engines.get(engineName) as Engine;
      [listed, stranger] = await Promise.all([engine.newPage(), engine.newPage()]);
      await listed.goto(`http://127.0.0.1:${pages.port}/`);
      await stranger.goto(`http://localhost:${pages.port}/`);
    }, 120_000);
    afterAll(async () => {
      await listed?.close();
      await stranger?.close();
    });

    it('straight to the upstream, an unlisted page reads it and passes its preflight (the upstream allows any origin)', async () => {
      expect(await fetchIn(stranger, `${fastapi.baseUrl}/api/me`)).toMatchObject({ ok: true, status: 200 });
      expect(await fetchIn(stranger, `${fastapi.baseUrl}/api/items/1`, json)).toMatchObject({ ok: true, status: 200 });
    });

    it('through the gateway, the same page is blocked: simple request and preflight alike', async () => {
      expect((await fetchIn(stranger, `${gateway.baseUrl}/api/me`)).error).toMatch(/^TypeError/);
      expect((await fetchIn(stranger, `${gateway.baseUrl}/api/items/1`, json)).error).toMatch(/^TypeError/);
    });

    it('through the gateway, the listed page logs in with a cookie, is recognised, and PUTs JSON', async () => {
      expect(await fetchIn(listed, `${gateway.baseUrl}/api/login`, { credentials: 'include' })).toMatchObject({ ok: true, status: 200 });
      const me = await fetchIn(listed, `${gateway.baseUrl}/api/me`, { credentials: 'include' }, ['x-secret']);
      expect(me.ok, me.error).toBe(true);
      expect(JSON.parse(me.body!)).toEqual({ session: 's3cret' });
      expect(me.headers).toEqual({ 'x-secret': null }); // the upstream's expose list does not pass the gateway
      const put = await fetchIn(listed, `${gateway.baseUrl}/api/items/7`, { ...json, credentials: 'include' });
      expect(JSON.parse(put.body!)).toEqual({ id: '7', saved: { a: 1 } });
    });
  });
});

describe('examples/tenants (Worker, Workers KV): a tenant page gains and loses access', () => {
  let api: RunningServer;
  const tenantPages = new Map<EngineName, EnginePage>();
  const tenant = () => `http://localhost:${pages.port}`;
  beforeAll(async () => {
    api = await startTenantsWorker();
    await Promise.all(
      ENGINE_NAMES.map(async (name) => {
        const page = await (engines.get(name) as Engine).newPage();
        await page.goto(`${tenant()}/`);
        tenantPages.set(name, page);
      }),
    );
  }, 120_000);
  afterAll(async () => {
    for (const page of tenantPages.values()) await page.close();
    await api?.stop();
  });

  /** What each engine's page gets from the API, with credentials: 'allowed' or the TypeError. */
  const fromEachEngine = async () =>
    Object.fromEntries(
      await Promise.all(
        ENGINE_NAMES.map(async (name) => {
          const result = await fetchIn(tenantPages.get(name) as EnginePage, `${api.baseUrl}/api/hello`, { credentials: 'include' });
          return [name, result.ok ? JSON.parse(result.body ?? 'null') : result.error?.split(':')[0]] as const;
        }),
      ),
    );
  const everyEngine = (value: unknown) => Object.fromEntries(ENGINE_NAMES.map((name) => [name, value]));

  it('blocked before the origin is in the store, allowed at once after the admin adds it, blocked at once after removal', async () => {
    expect(await fromEachEngine()).toEqual(everyEngine('TypeError'));
    await setTenant(api.baseUrl, tenant(), true);
    expect(await fromEachEngine()).toEqual(everyEngine({ hello: 'tenant' }));
    await setTenant(api.baseUrl, tenant(), false);
    expect(await fromEachEngine()).toEqual(everyEngine('TypeError'));
  });
});
