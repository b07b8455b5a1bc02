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
 * - anything else: 404.
 */
export function referenceHandler(upstream: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname;
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
    return new Response('not found', { status: 404 });
  };
}

/** What an error hook answers for `/fail`, where the runtime or framework has one. */
export function errorResponse(): Response {
  return Response.json({ error: 'handled by the error hook' }, { status: 500 });
}
