// The app every adapter serves in the shared behaviour vectors: plain Web APIs and no
// imports, so that Node, workerd, Deno and Bun all load this one file as it is.

/** The policy every adapter's test server uses. */
export const REFERENCE_POLICY = {
  origins: ['https://app.example', 'http://localhost:*'],
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['Content-Type', 'X-Trace'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 600,
} as const;

/**
 * The policy served under `/flaky/`: a predicate that fails in every way a predicate can
 * for some origins (throws, rejects, never settles, answers a non-boolean) and allows
 * only https://app.example. Each adapter serves it with its own per-path mechanism.
 */
export const FLAKY_POLICY = {
  origins: (origin: string): boolean | Promise<boolean> => {
    if (origin === 'https://throws.example') throw new Error('origin lookup failed');
    if (origin === 'https://rejects.example') return Promise.reject(new Error('origin lookup failed'));
    if (origin === 'https://hangs.example') return new Promise<boolean>(() => {});
    if (origin === 'https://app.example') return Promise.resolve(true);
    return 'yes' as unknown as boolean; // a truthy non-boolean: a bug, not a yes
  },
  credentials: true,
  predicateTimeout: 200,
} as const;

/** Origins for which FLAKY_POLICY's predicate fails, and how. */
export const FLAKY_ORIGINS = ['https://throws.example', 'https://rejects.example', 'https://hangs.example', 'https://nonboolean.example'];

/** `true` for requests under `/flaky/`, which FLAKY_POLICY answers. */
export function isFlaky(request: Request): boolean {
  return new URL(request.url).pathname.startsWith('/flaky/');
}

/** The body and headers of `GET /data`, which the vectors check survive CORS intact. */
export const DATA_BODY = '{"ok":true}';

/**
 * The routes:
 * - `GET /data`: JSON with `Vary: Accept-Encoding`, `X-Request-Id` and two `Set-Cookie`;
 * - `OPTIONS /data`: `options handler` (only a non-preflight OPTIONS may get here);
 * - `GET /fail`: throws (adapters whose runtime has an error hook turn it into a 500);
 * - `GET /made-500`: a 500 response made by the handler;
 * - `GET /proxy`: the response of `fetch(upstream + '/payload')`, immutable headers and all;
 * - `GET /redirect`: `Response.redirect()`, whose headers are immutable too;
 * - `GET /proxy-cors`: the response of an upstream with a permissive CORS layer of its
 *   own (it reflects the Origin with credentials and exposes `X-Secret`);
 * - `GET /self-cors`: a response on which the handler wrote CORS headers itself;
 * - `/flaky/…`: the same routes, served under FLAKY_POLICY;
 * - anything else: 404.
 */
export function referenceHandler(upstream: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname.replace(/^\/flaky(?=\/)/, '');
    if (path === '/data' && request.method === 'OPTIONS') return new Response('options handler');
    if (path === '/data') {
      const headers = new Headers({ 'content-type': 'application/json', vary: 'Accept-Encoding', 'x-request-id': 'r-1' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      return new Response(DATA_BODY, { headers });
    }
    if (path === '/fail') throw new Error('handler failed on purpose');
    if (path === '/made-500') return Response.json({ error: 'made by the handler' }, { status: 500 });
    if (path === '/proxy') return fetch(`${upstream}/payload`);
    if (path === '/redirect') return Response.redirect('https://app.example/next', 302);
    if (path === '/proxy-cors') return fetch(`${upstream}/permissive`, { headers: { origin: request.headers.get('origin') ?? '' } });
    if (path === '/self-cors') {
      return new Response('self', {
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers': 'x-secret',
          'access-control-allow-methods': '*',
          'x-secret': 'handler secret',
        },
      });
    }
    return new Response('not found', { status: 404 });
  };
}

/** What an error hook answers for `/fail`, where the runtime or framework has one. */
export function errorResponse(): Response {
  return Response.json({ error: 'handled by the error hook' }, { status: 500 });
}
