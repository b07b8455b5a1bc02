// @corsa/sveltekit in SvelteKit's own servers: the shared vectors over HTTP through the
// cors() handle in `vite dev` and in the adapter-node build; what SvelteKit and Vite do to
// a preflight and to CORS headers without Corsa; a later hook that throws.
import { type RunningServer, runAdapterVectors, servedUnder, startUpstream } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SvelteKitServer, startSvelteKit } from './sveltekit-app.js';

runAdapterVectors('@corsa/sveltekit in the adapter-node build', (upstream) => servedUnder('/r', startSvelteKit('adapter-node', { UPSTREAM: upstream })));
runAdapterVectors('@corsa/sveltekit in vite dev', (upstream) => servedUnder('/r', startSvelteKit('vite dev', { UPSTREAM: upstream })));

const APP = 'https://app.example';
const preflight = (method: string, origin = APP) => ({ origin, 'access-control-request-method': method });
const corsHeaderNames = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

/** Starts `server` for the tests of a describe block; `call` fetches a path of it. */
function serving(server: SvelteKitServer, env: Record<string, string> = {}) {
  let upstream: RunningServer;
  let app: RunningServer;
  beforeAll(async () => {
    upstream = await startUpstream();
    app = await servedUnder('', startSvelteKit(server, { UPSTREAM: upstream.baseUrl, ...env }));
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await upstream?.stop();
  });
  return (path: string, method = 'GET', headers: Record<string, string> = {}) => fetch(`${app.baseUrl}${path}`, { method, headers, redirect: 'manual' });
}

const UNLISTED_LOCAL = 'http://127.0.0.1:5173'; // not in REFERENCE_POLICY; Vite's own CORS allows it

/** A preflight and a GET from UNLISTED_LOCAL: Corsa refuses both (403; 200 without its headers). */
async function refusedLocalOrigin(call: ReturnType<typeof serving>): Promise<[Response, Response]> {
  const preflightAnswer = await call('/r/data', 'OPTIONS', preflight('PUT', UNLISTED_LOCAL));
  const answer = await call('/r/data', 'GET', { origin: UNLISTED_LOCAL });
  expect([preflightAnswer.status, answer.status]).toEqual([403, 200]);
  return [preflightAnswer, answer];
}

describe.each(['adapter-node', 'vite dev'] as const)('SvelteKit in %s', (server) => {
  const call = serving(server);

  it("answers an origin Corsa refuses with no CORS header (in vite dev: corsaVite() keeps Vite's own CORS out)", async () => {
    for (const r of await refusedLocalOrigin(call)) expect(corsHeaderNames(r)).toEqual([]);
  });

  it('without Corsa, SvelteKit answers a preflight to a +server.js without an OPTIONS export with 405 and no CORS header (what cors() ends)', async () => {
    const r = await call('/bare', 'OPTIONS', preflight('PUT'));
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
    expect(corsHeaderNames(r)).toEqual([]);
  });

  it('a hook after cors() in sequence() that throws is answered with a 500 that carries the CORS answer', async () => {
    const r = await call('/r/hook-fails', 'GET', { origin: APP });
    expect(r.status).toBe(500);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

// Vite's CORS middleware runs before SvelteKit in `vite dev` and allows any localhost
// origin; SvelteKit 2 keeps it on whatever vite.config says. corsaVite() (in the app's
// vite.config.js) turns it off; here without it.
describe('vite dev without corsaVite()', () => {
  const call = serving('vite dev', { WITHOUT_CORSA_VITE: '1' });

  it('Vite allows an origin Corsa refuses, on the preflight and on the request', async () => {
    const [preflightAnswer, answer] = await refusedLocalOrigin(call);
    expect(preflightAnswer.headers.get('access-control-allow-origin')).toBe(UNLISTED_LOCAL);
    expect(answer.headers.get('access-control-allow-origin')).toBe(UNLISTED_LOCAL);
  });
});
