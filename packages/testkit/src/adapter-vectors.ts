// The behaviour vectors, written once and run against every adapter in its own runtime
// over real HTTP on 127.0.0.1. Each adapter's test starts a server that wraps
// `referenceHandler` with `REFERENCE_POLICY`, and hands its base URL to `runAdapterVectors`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_CORPUS, sendRaw } from './hostile-corpus.js';
import { DATA_BODY, FLAKY_ORIGINS } from './reference-app.js';

const APP = 'https://app.example';

/** A running test server. */
export interface RunningServer {
  readonly baseUrl: string;
  /** The process (group) serving, when it runs in a child process. */
  readonly pid?: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the upstream that `/proxy` fetches: Node's HTTP server on 127.0.0.1. Its
 * `/permissive` answers as a careless CORS layer does: it reflects any Origin with
 * credentials and exposes `X-Secret`.
 */
export async function startUpstream(): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/permissive') {
      res.writeHead(200, {
        'content-type': 'text/plain',
        'access-control-allow-origin': req.headers.origin || '*',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-secret',
        'x-secret': 'upstream secret',
      });
      res.end('upstream');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'x-upstream': 'yes', vary: 'Accept-Encoding' });
    res.end('payload');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Exchange {
  status: number;
  headers: Headers;
  body: string;
}

async function send(baseUrl: string, path: string, method: string, headers: Record<string, string>): Promise<Exchange> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const preflight = (method: string, requestHeaders?: string, origin = APP) => ({
  origin,
  'access-control-request-method': method,
  ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}),
});

function accessControlNames(headers: Headers): string[] {
  return [...headers.keys()].filter((name) => name.startsWith('access-control-'));
}

function varyTokens(headers: Headers): string[] {
  return (headers.get('vary') ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
}

function expectAllowed(headers: Headers, origin = APP): void {
  expect(headers.get('access-control-allow-origin')).toBe(origin);
  expect(headers.get('access-control-allow-credentials')).toBe('true');
  expect(varyTokens(headers).filter((token) => token === 'origin')).toEqual(['origin']);
}

export interface VectorOptions {
  /**
   * `Vary` tokens the framework adds to every response of its own (Next.js: `rsc`,
   * `next-router-state-tree`, …), left out where the vectors compare `Vary` exactly.
   */
  readonly frameworkVary?: readonly string[];
}

/**
 * Registers the shared vectors as vitest tests. `start(upstream)` boots the adapter's
 * server in its runtime (the upstream URL is for `/proxy`); its base URL may have a path,
 * under which the app answers `/data`, `/fail`, ….
 */
export function runAdapterVectors(label: string, start: (upstream: string) => Promise<RunningServer>, options: VectorOptions = {}): void {
  const frameworkVary = new Set(options.frameworkVary ?? []);
  const varyTokensOf = (headers: Headers) => varyTokens(headers).filter((token) => !frameworkVary.has(token));
  describe(`${label}: shared behaviour vectors over HTTP`, () => {
    let upstream: RunningServer;
    let server: RunningServer;
    const call = (path: string, method = 'GET', headers: Record<string, string> = {}) => send(server.baseUrl, path, method, headers);

    beforeAll(async () => {
      upstream = await startUpstream();
      server = await start(upstream.baseUrl);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await upstream?.stop();
    });

    it('allowed origin: reflected with credentials, exposed headers, Vary merged, body and cookies intact', async () => {
      const r = await call('/data', 'GET', { origin: APP });
      expect(r.status).toBe(200);
      expect(r.body).toBe(DATA_BODY);
      expectAllowed(r.headers);
      expect(r.headers.get('access-control-expose-headers')).toBe('x-request-id');
      expect(varyTokensOf(r.headers)).toEqual(['accept-encoding', 'origin']);
      expect(r.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    });

    it('allowed origin by port wildcard: http://localhost:5173', async () => {
      expectAllowed((await call('/data', 'GET', { origin: 'http://localhost:5173' })).headers, 'http://localhost:5173');
    });

    it('refused origin: the handler runs, no Access-Control-* header, Vary: Origin', async () => {
      const r = await call('/data', 'GET', { origin: 'https://evil.example' });
      expect(r.status).toBe(200);
      expect(r.body).toBe(DATA_BODY);
      expect(accessControlNames(r.headers)).toEqual([]);
      expect(varyTokensOf(r.headers)).toEqual(['accept-encoding', 'origin']);
    });

    it('no Origin: no Access-Control-* header, Vary: Origin', async () => {
      const r = await call('/data');
      expect(accessControlNames(r.headers)).toEqual([]);
      expect(varyTokens(r.headers)).toContain('origin');
    });

    it('preflight allowed: 204, empty body, the full answer, handler not run', async () => {
      const r = await call('/data', 'OPTIONS', preflight('PUT', 'content-type,x-trace'));
      expect(r.status).toBe(204);
      expect(r.body).toBe('');
      expectAllowed(r.headers);
      expect(r.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE');
      expect(r.headers.get('access-control-allow-headers')).toBe('content-type, x-trace');
      expect(r.headers.get('access-control-max-age')).toBe('600');
      expect(r.headers.get('content-type')).toBeNull();
    });

    it('preflight to a path with no route is still answered', async () => {
      expect((await call('/nowhere', 'OPTIONS', preflight('DELETE'))).status).toBe(204);
    });

    it.each([
      ['origin', preflight('PUT', undefined, 'https://evil.example')],
      ['method', preflight('PATCH')],
      ['header', preflight('PUT', 'x-secret')],
    ])('preflight refused by %s: 403, empty body, no Access-Control-*, handler not run', async (_, headers) => {
      const r = await call('/data', 'OPTIONS', headers);
      expect(r.status).toBe(403);
      expect(r.body).toBe('');
      expect(accessControlNames(r.headers)).toEqual([]);
    });

    it('an OPTIONS that is not a preflight reaches the handler', async () => {
      const r = await call('/data', 'OPTIONS', { origin: APP });
      expect(r.status).toBe(200);
      expect(r.body).toBe('options handler');
      expectAllowed(r.headers);
    });

    it('an error response made by the handler carries CORS headers', async () => {
      const r = await call('/made-500', 'GET', { origin: APP });
      expect(r.status).toBe(500);
      expectAllowed(r.headers);
    });

    // Rule 12: the adapter's 500 (or the framework's error hook) carries the CORS answer,
    // so the page sees the real status instead of a CORS failure.
    it('a thrown error is answered with a 500 that carries the CORS answer', async () => {
      const r = await call('/fail', 'GET', { origin: APP });
      expect(r.status).toBe(500);
      expectAllowed(r.headers);
    });

    it('a response straight from fetch() (immutable headers) gets CORS headers', async () => {
      const r = await call('/proxy', 'GET', { origin: APP });
      expect(r.status).toBe(200);
      expect(r.body).toBe('payload');
      expect(r.headers.get('x-upstream')).toBe('yes');
      expectAllowed(r.headers);
      expect(varyTokensOf(r.headers)).toEqual(['accept-encoding', 'origin']);
    });

    // Runtimes may refuse oversized or malformed requests themselves (400, 413, 431, or a
    // hang-up) before Corsa sees them; whatever reaches Corsa must get the right answer,
    // and the server must keep serving.
    it.each(HOSTILE_CORPUS)('hostile input: $name', async (hostile) => {
      const response = await sendRaw(server.baseUrl, hostile.method, hostile.headers);
      const refusedByRuntime = response === 'closed' || [400, 413, 414, 431].includes(response.status);
      if (process.env.HOSTILE_REPORT && refusedByRuntime)
        console.log(`REFUSED-BY-RUNTIME ${label} | ${hostile.name} | ${response === 'closed' ? 'closed' : response.status}`);
      if (refusedByRuntime) {
        expect(hostile.runtimeMayRefuse, `the runtime refused: ${JSON.stringify(response)}`).toBe(true);
      } else {
        const corsNames = response.headers.map(([name]) => name).filter((name) => name.startsWith('access-control-'));
        const allowOrigin = response.headers.find(([name]) => name === 'access-control-allow-origin')?.[1];
        if (hostile.expect === 'allowed') {
          expect(allowOrigin).toBe(hostile.origin);
        } else {
          expect(response.status).toBe(hostile.expect === 'refused-preflight' ? 403 : 200);
          expect(corsNames).toEqual([]);
        }
      }
      expect((await call('/data', 'GET', { origin: APP })).status).toBe(200);
    });

    it.each(['/proxy-cors', '/self-cors'])(
      '%s: CORS headers the handler’s response carried never reach a refused origin, nor outlive the policy',
      async (path) => {
        const refused = await call(path, 'GET', { origin: 'https://evil.example' });
        expect(refused.status).toBe(200);
        expect(refused.headers.get('x-secret')).toMatch(/secret/);
        expect(accessControlNames(refused.headers)).toEqual([]);
        const allowed = await call(path, 'GET', { origin: APP });
        expectAllowed(allowed.headers);
        expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id'); // the policy's, not x-secret
        expect(allowed.headers.get('access-control-allow-methods')).toBeNull();
      },
    );

    it.each(FLAKY_ORIGINS)('an origins predicate that fails for %s fails closed: preflight 403, actual request served without CORS headers', async (origin) => {
      const refusedPreflight = await call('/flaky/data', 'OPTIONS', preflight('PUT', undefined, origin));
      expect(refusedPreflight.status).toBe(403);
      expect(accessControlNames(refusedPreflight.headers)).toEqual([]);
      const actual = await call('/flaky/data', 'GET', { origin });
      expect(actual.status).toBe(200);
      expect(actual.body).toBe(DATA_BODY);
      expect(accessControlNames(actual.headers)).toEqual([]);
      expect(varyTokens(actual.headers)).toContain('origin');
      expectAllowed((await call('/flaky/data', 'GET', { origin: APP })).headers);
    });

    it('a Response.redirect() (immutable headers) gets CORS headers', async () => {
      const r = await call('/redirect', 'GET', { origin: APP });
      expect(r.status).toBe(302);
      expect(r.headers.get('location')).toBe('https://app.example/next');
      expectAllowed(r.headers);
    });
  });
}
