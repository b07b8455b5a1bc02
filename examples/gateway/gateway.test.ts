// The gateway in front of a real FastAPI app whose CORSMiddleware reflects any origin
// with credentials: behind the gateway (the Worker under wrangler dev, and Bun), only
// the gateway's policy decides. The same in real browsers: packages/browser/src/examples.test.ts.
import { type RunningServer, startFastApi } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, UPSTREAM_DIR } from './start.ts';

const APP = 'http://localhost:5173';
const EVIL = 'https://evil.example';

const corsHeaders = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

let fastapi: RunningServer;
beforeAll(async () => {
  fastapi = await startFastApi(UPSTREAM_DIR);
}, 120_000);
afterAll(() => fastapi?.stop());

it('the upstream on its own reflects any origin with credentials (the hole the gateway closes)', async () => {
  const response = await fetch(`${fastapi.baseUrl}/api/me`, { headers: { origin: EVIL, cookie: 'session=s3cret' } });
  expect(corsHeaders(response)).toMatchObject({ 'access-control-allow-origin': EVIL, 'access-control-allow-credentials': 'true' });
  const preflight = await fetch(`${fastapi.baseUrl}/api/items/1`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'PUT' } });
  expect(corsHeaders(preflight)).toMatchObject({ 'access-control-allow-origin': EVIL, 'access-control-allow-credentials': 'true' });
});

describe.each(['worker', 'bun'] as const)('the gateway on %s', (runtime) => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await startGateway(runtime, fastapi.baseUrl, APP);
  }, 120_000);
  afterAll(() => gateway?.stop());

  it('a stranger gets no Access-Control-* header at all, though the upstream granted everything', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/me`, { headers: { origin: EVIL, cookie: 'session=s3cret' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ session: 's3cret' }); // CORS is not authorization: the API still answers
    expect(corsHeaders(response)).toEqual({});
  });

  it('a stranger’s preflight is refused by the gateway and never reaches the upstream', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/items/1`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'PUT' } });
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual({});
  });

  it('the app gets exactly the gateway’s answer: its origin, credentials, no upstream expose list', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/me`, { headers: { origin: APP, cookie: 'session=s3cret' } });
    expect(corsHeaders(response)).toEqual({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' });
    expect(response.headers.get('vary')).toMatch(/origin/i);
    const preflight = await fetch(`${gateway.baseUrl}/api/items/1`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    const put = await fetch(`${gateway.baseUrl}/api/items/7`, { method: 'PUT', headers: { origin: APP, 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await put.json()).toEqual({ id: '7', saved: { a: 1 } });
  });
});
