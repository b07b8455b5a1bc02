// @corsa/astro in Astro's own servers: the shared vectors over HTTP through the cors()
// middleware in `astro dev` and in the standalone build; what Astro and Vite do to a
// preflight and to CORS headers without Corsa; a later middleware that throws.
import { type RunningServer, runAdapterVectors, servedUnder, startUpstream } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AstroBuild, type AstroServer, startAstro } from './astro-app.js';

runAdapterVectors('@corsa/astro in the standalone build', (upstream) => servedUnder('/r', startAstro('standalone', { UPSTREAM: upstream })));
runAdapterVectors('@corsa/astro in astro dev', (upstream) => servedUnder('/r', startAstro('astro dev', { UPSTREAM: upstream })));

const APP = 'https://app.example';
const preflight = (method: string, origin = APP) => ({ origin, 'access-control-request-method': method });
const corsHeaderNames = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

/** Starts `server` for the tests of a describe block; `call` fetches a path of it. */
function serving(server: AstroServer, env: Record<string, string> = {}, build: AstroBuild = 'dist') {
  let upstream: RunningServer;
  let app: RunningServer;
  beforeAll(async () => {
    upstream = await startUpstream();
    app = await servedUnder('', startAstro(server, { UPSTREAM: upstream.baseUrl, ...env }, build));
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await upstream?.stop();
  });
  return (path: string, method = 'GET', headers: Record<string, string> = {}) => fetch(`${app.baseUrl}${path}`, { method, headers, redirect: 'manual' });
}

describe.each(['standalone', 'astro dev'] as const)('Astro, %s', (server) => {
  const call = serving(server);

  it('without Corsa, a preflight to an endpoint without an OPTIONS export gets no CORS header (what cors() ends)', async () => {
    const r = await call('/bare', 'OPTIONS', preflight('PUT'));
    expect(r.status).toBe(404);
    expect(corsHeaderNames(r)).toEqual([]);
  });

  it('a middleware after cors() in sequence() that throws is answered with a 500 that carries the CORS answer', async () => {
    const r = await call('/r/hook-fails', 'GET', { origin: APP });
    expect(r.status).toBe(500);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

// Under `astro dev`, Vite's CORS middleware runs before Astro: it answers every preflight
// itself (204, its own Allow-Methods; the origin only when it is local) and allows any
// localhost origin on the request. The app's astro.config.mjs sets vite.server.cors: false;
// here without it.
describe('astro dev without vite.server.cors: false', () => {
  const call = serving('astro dev', { WITHOUT_VITE_CORS_OFF: '1' });

  it('Vite answers the preflights (a listed origin gets no Access-Control-Allow-Origin) and allows a local origin Corsa refuses', async () => {
    const listed = await call('/r/data', 'OPTIONS', preflight('PUT'));
    expect(listed.status).toBe(204);
    expect(listed.headers.get('access-control-allow-origin')).toBeNull();
    const local = await call('/r/data', 'GET', { origin: 'http://127.0.0.1:5173' });
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  });
});

// Astro's origin check (security.checkOrigin, on by default, active in builds): the app
// turns it off; here a build with it on.
describe('the standalone build with security.checkOrigin on (its default)', () => {
  const call = serving('standalone', {}, 'dist-origin-check');

  it('Astro refuses a cross-site DELETE without a body before the middleware: 403, no CORS header, though the preflight passed', async () => {
    expect((await call('/r/data', 'OPTIONS', preflight('DELETE'))).status).toBe(204);
    const r = await call('/r/data', 'DELETE', { origin: APP });
    expect(r.status).toBe(403);
    expect(await r.text()).toBe('Cross-site DELETE form submissions are forbidden');
    expect(corsHeaderNames(r)).toEqual([]);
  });
});
