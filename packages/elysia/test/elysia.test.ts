// @corsa/elysia in Elysia on Bun (the binary from npm): the shared vectors over HTTP, then
// what Elysia apps do that the vectors do not (values and set.headers, onError, validation,
// Elysia's 404), and what @elysiajs/cors does at its defaults.
import { fileURLToPath } from 'node:url';
import { type RunningServer, runAdapterVectors, startServerProcess } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const bun = fileURLToPath(new URL('../../../node_modules/.bin/bun', import.meta.url));

runAdapterVectors('@corsa/elysia in Elysia on Bun', (upstream) => startServerProcess(bun, ['run', 'test/server.ts'], { cwd, env: { UPSTREAM: upstream } }));

const APP = 'https://app.example';
const EVIL = 'https://evil.example';

/** Serves test/features.ts with `plugin` for the tests of a describe block; `call` fetches a path of it. */
function serving(plugin: 'corsa' | 'elysiajs-cors') {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServerProcess(bun, ['run', 'test/features.ts'], { cwd, env: { PLUGIN: plugin } });
  }, 60_000);
  afterAll(() => server?.stop());
  return (path: string, method = 'GET', headers: Record<string, string> = {}, body?: string) =>
    fetch(`${server.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
}

describe('@corsa/elysia with what Elysia apps do', () => {
  const call = serving('corsa');

  it('answers a preflight before routing: no route exports OPTIONS', async () => {
    const allowed = await call('/typed', 'OPTIONS', { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    const refused = await call('/typed', 'OPTIONS', { origin: EVIL, 'access-control-request-method': 'POST' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("owns set.headers: a handler's own Access-Control-Allow-Origin is replaced, Vary merged, other headers kept", async () => {
    const r = await call('/value', 'GET', { origin: APP });
    expect(await r.json()).toEqual({ ok: true });
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('vary')).toBe('Accept-Encoding, Origin');
    expect(r.headers.get('x-request-id')).toBe('r-7');
    const refused = await call('/value', 'GET', { origin: EVIL });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    // A handler that never touches `set` (Elysia compiles those routes apart) gets the answer too.
    const plain = await call('/plain', 'GET', { origin: APP });
    expect(await plain.text()).toBe('plain');
    expect(plain.headers.get('access-control-allow-origin')).toBe(APP);
    expect(plain.headers.get('vary')).toBe('Origin');
  });

  it("an onError response, a validation error and Elysia's 404 carry the CORS answer (and only it)", async () => {
    for (const [path, method, body, status] of [
      ['/boom', 'GET', undefined, 500],
      ['/typed', 'POST', '{"name":1}', 422],
      ['/missing', 'GET', undefined, 404],
    ] as const) {
      const r = await call(path, method, { origin: APP, 'content-type': 'application/json' }, body);
      expect(r.status, path).toBe(status);
      expect(r.headers.get('access-control-allow-origin'), path).toBe(APP);
      expect(r.headers.get('access-control-allow-credentials'), path).toBe('true');
    }
    const refused = await call('/boom', 'GET', { origin: EVIL });
    expect(refused.status).toBe(500);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('@elysiajs/cors at its defaults (what the migration table starts from)', () => {
  const call = serving('elysiajs-cors');

  it('reflects any origin with credentials: every site may read the answers with the user’s cookies', async () => {
    const r = await call('/plain', 'GET', { origin: EVIL });
    expect(r.headers.get('access-control-allow-origin')).toBe(EVIL);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
