// examples/gateway in real browsers (Chromium, Firefox, WebKitGTK): a page on an origin
// the gateway does not list can read the FastAPI app directly (its CORSMiddleware allows
// any origin), but not through the gateway; the listed page works through the gateway,
// cookies and preflights included.
import { type RunningServer, startFastApi } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, UPSTREAM_DIR } from '../../../examples/gateway/start.ts';
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
