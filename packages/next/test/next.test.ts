// @corsa/next in Next.js's own servers: the shared vectors over HTTP through withCors in a
// route.ts, in `next start` (a production build) and `next dev`; corsProxy as proxy.ts
// (Node.js) and as middleware.ts (the Edge runtime); and what Next.js does to a preflight
// without Corsa.
import { REFERENCE_POLICY, type RunningServer, runAdapterVectors, servedUnder, startUpstream } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEXT_VARY, startNext, type TestApp } from './next-app.js';

runAdapterVectors('@corsa/next withCors in next start', (upstream) => servedUnder('/r', startNext('start', { UPSTREAM: upstream })), {
  frameworkVary: NEXT_VARY,
});
runAdapterVectors('@corsa/next withCors in next dev', (upstream) => servedUnder('/r', startNext('dev', { UPSTREAM: upstream })), { frameworkVary: NEXT_VARY });

const APP = 'https://app.example';
const preflight = (method: string, origin = APP) => ({ origin, 'access-control-request-method': method });

describe.each([
  ['proxy.ts (Node.js)', 'app'],
  ['middleware.ts (the Edge runtime)', 'edge-app'],
] as const)('corsProxy as %s, next start', (_file, app: TestApp) => {
  let upstream: RunningServer;
  let next: RunningServer;
  const call = (path: string, method = 'GET', headers: Record<string, string> = {}) => fetch(`${next.baseUrl}${path}`, { method, headers, redirect: 'manual' });
  beforeAll(async () => {
    upstream = await startUpstream();
    next = await startNext('start', { UPSTREAM: upstream.baseUrl }, app);
  }, 300_000);
  afterAll(async () => {
    await next?.stop();
    await upstream?.stop();
  });

  it('answers a preflight before routing, though the route exports no OPTIONS', async () => {
    const r = await call('/p/data', 'OPTIONS', preflight('PUT'));
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-allow-methods')).toBe(REFERENCE_POLICY.methods.join(', '));
    const refused = await call('/p/data', 'OPTIONS', preflight('PUT', 'https://evil.example'));
    expect(refused.status).toBe(403);
    expect([...refused.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it("adds the CORS answer to the route's response, to Next.js's own 500 for a thrown error, and to a 404", async () => {
    for (const [path, status] of [
      ['/p/data', 200],
      ['/p/fail', 500],
      ['/p/missing', 404],
    ] as const) {
      const r = await call(path, 'GET', { origin: APP });
      expect(r.status, path).toBe(status);
      expect(r.headers.get('access-control-allow-origin'), path).toBe(APP);
      expect(r.headers.get('access-control-allow-credentials'), path).toBe('true');
      expect(r.headers.get('vary'), path).toMatch(/\bOrigin\b/);
    }
    const refused = await call('/p/data', 'GET', { origin: 'https://evil.example' });
    expect(refused.status).toBe(200);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("replaces a route's own Access-Control-Allow-Origin (Next.js lets the proxy's headers win) but cannot see the others it sets", async () => {
    const r = await call('/p/self-cors', 'GET', { origin: APP });
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-expose-headers')).toBe('x-request-id');
    // What the README tells: a route that writes CORS headers itself belongs under withCors.
    expect(r.headers.get('access-control-allow-methods')).toBe('*');
  });
});

describe('Next.js alone, next start', () => {
  let next: RunningServer;
  beforeAll(async () => {
    next = await startNext('start');
  }, 300_000);
  afterAll(() => next?.stop());
  const call = (path: string, method = 'GET', headers: Record<string, string> = {}) => fetch(`${next.baseUrl}${path}`, { method, headers, redirect: 'manual' });

  it('without Corsa, Next.js answers a preflight with its automatic OPTIONS: 204, Allow, no CORS header (what withCors ends)', async () => {
    const r = await call('/bare', 'OPTIONS', preflight('PUT'));
    expect(r.status).toBe(204);
    expect(r.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect([...r.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});
