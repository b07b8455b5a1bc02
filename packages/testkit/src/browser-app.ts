// The API a real browser calls in the browser suite and in the CORS lab (npm start):
// plain Web APIs and no imports, so that Node, workerd, Deno and Bun load this one file.
// Each runtime wraps `browserHandler` with its own adapter, one policy per path prefix:
//   /strict/…  listed origins, credentials, debug (reasons in Corsa-Refusal and the log)
//   /any/…     origins: '*'
//   /wild/…    a wildcard-subdomain pattern, with credentials

/** One refusal, as the `onRefusal` hook saw it. */
export interface LoggedRefusal {
  check: string;
  reason: string;
  preflight: boolean;
  method: string;
  path: string;
}

const refusals: LoggedRefusal[] = [];
const handlerRuns = new Map<string, number>();

/** The three policies, for page origins known at start-up. */
export function browserPolicies(pageOrigins: string[], wildPattern: string) {
  return {
    strict: {
      origins: pageOrigins,
      credentials: true as const,
      methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['content-type', 'x-trace', 'authorization'],
      exposeHeaders: ['x-request-id'],
      maxAge: 0, // every fetch sends its preflight, so each test sees its own
      debug: true,
      onRefusal: (refusal: { check: string; reason: string; preflight: boolean; request: Request }) => {
        refusals.push({
          check: refusal.check,
          reason: refusal.reason,
          preflight: refusal.preflight,
          method: refusal.request.method,
          path: new URL(refusal.request.url).pathname,
        });
      },
    },
    any: { origins: '*' as const, exposeHeaders: ['x-request-id'], maxAge: 0 },
    wild: { origins: [wildPattern], credentials: true as const, maxAge: 0, debug: true },
  };
}

export type BrowserPolicyName = 'strict' | 'any' | 'wild';

/** Which policy serves `request` (by its path prefix). */
export function policyNameOf(request: Request): BrowserPolicyName | undefined {
  const path = new URL(request.url).pathname;
  if (path.startsWith('/strict/')) return 'strict';
  if (path.startsWith('/any/')) return 'any';
  if (path.startsWith('/wild/')) return 'wild';
  return undefined;
}

/**
 * The routes, under every prefix:
 * - `/data`: JSON, with `X-Request-Id` (exposed) and `X-Secret` (not exposed);
 * - `/login`: sets a cookie; `/whoami`: echoes the Cookie header it received;
 * - `/items`: answers any method with the method and the X-Trace / Authorization it saw;
 * - `/boom`: throws, for any method (each adapter answers 500 with the CORS answer);
 * and, without CORS, `/__runs?key=METHOD%20/path?query` (how often the handler ran) and
 * `/__refusals` (what onRefusal logged; `?clear` empties it).
 */
export async function browserHandler(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const route = url.pathname.replace(/^\/(strict|any|wild)/, '');
  const runKey = `${request.method} ${url.pathname}${url.search}`;
  handlerRuns.set(runKey, (handlerRuns.get(runKey) ?? 0) + 1);
  switch (route) {
    case '/data':
      return Response.json({ ok: true }, { headers: { 'x-request-id': 'r-42', 'x-secret': 'hidden' } });
    case '/login':
      return new Response('logged in', { headers: { 'set-cookie': 'session=s3cret; Path=/; SameSite=Lax' } });
    case '/whoami':
      return Response.json({ cookie: request.headers.get('cookie') });
    case '/items':
      return Response.json({ method: request.method, trace: request.headers.get('x-trace'), authorization: request.headers.get('authorization') });
    case '/boom':
      throw new Error('boom: a handler error, thrown on purpose by the browser suite');
    default:
      return new Response('not found', { status: 404 });
  }
}

/** The test endpoints (no CORS: the test runner calls them directly). */
export function testEndpoint(request: Request): Response | undefined {
  const url = new URL(request.url);
  if (url.pathname === '/__runs') {
    return Response.json({ runs: handlerRuns.get(url.searchParams.get('key') ?? '') ?? 0 });
  }
  if (url.pathname === '/__refusals') {
    const body = Response.json(refusals.slice());
    if (url.searchParams.has('clear')) refusals.length = 0;
    return body;
  }
  return undefined;
}
