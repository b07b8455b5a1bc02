import { applyCors, type CorsOptions, type CorsPolicy, evaluateCors, toPolicy } from '@corsa/core';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/** A Bun route or fetch handler. It may return nothing after `server.upgrade(request)`. */
// biome-ignore lint/suspicious/noExplicitAny: Bun types `this`, the request and the server itself.
// biome-ignore lint/suspicious/noConfusingVoidType: Bun's handlers return void after an upgrade.
type BunHandler = (this: any, request: any, server: any) => Response | undefined | void | Promise<Response | undefined | void>;

/** A route handler. Bun types its request per path (`BunRequest<'/users/:id'>`), so any request type fits here. */
export type BunRouteHandler = BunHandler;

/** What a route may be: a static Response, a handler, per-method handlers, `false`, or an HTML import. */
export type BunRouteValue = Response | BunRouteHandler | false | { readonly index: string } | { [method: string]: Response | BunRouteHandler };

/** The parts of `Bun.serve` options that Corsa wraps; everything else is kept as it is. */
export interface BunServeOptionsLike {
  fetch?: BunHandler;
  routes?: Record<string, BunRouteValue>;
  // biome-ignore lint/suspicious/noExplicitAny: Bun types `this` as the server.
  // biome-ignore lint/suspicious/noConfusingVoidType: Bun's error hook may return nothing.
  error?: (this: any, error: Error) => Response | undefined | void | Promise<Response | undefined | void>;
}

/**
 * Adds CORS to `Bun.serve` options: `Bun.serve(withCors(cors, { fetch, routes, error, … }))`.
 *
 * - `fetch` and every route are wrapped: static `Response` values, handler functions,
 *   per-method handler objects (`{ GET, POST }`), parameter and wildcard routes. A
 *   preflight is answered without calling them (allowed: 204 with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused: 403 with no `Access-Control-*` header); every other response gets
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin
 *   and `Vary: Origin`.
 * - A preflight to a per-method route without an `OPTIONS` handler is still answered: Bun
 *   sends it on to `fetch`, which is wrapped (and added, answering 404, when missing).
 * - A handler that returns nothing after `server.upgrade()` keeps working; WebSocket
 *   upgrades are untouched.
 * - When a handler throws and `error` is given, `error` makes the response and it gets
 *   the CORS headers too, so the browser shows your error instead of a CORS failure.
 * - Other route values (`false`, HTML imports) and every other option pass through.
 *
 * Options are validated here: a bad one throws a `CorsConfigError`.
 */
export function withCors<T extends BunServeOptionsLike>(cors: CorsOptions | CorsPolicy, serveOptions: T): T {
  const policy = toPolicy(cors);
  const wrap = (handler: BunHandler) => wrapHandler(policy, handler, serveOptions.error);
  const routes = serveOptions.routes;
  return {
    ...serveOptions,
    fetch: wrap(serveOptions.fetch ?? notFound),
    ...(routes ? { routes: Object.fromEntries(Object.entries(routes).map(([path, value]) => [path, wrapRoute(value, wrap)])) } : {}),
  };
}

function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

function wrapRoute(value: unknown, wrap: (handler: BunHandler) => BunHandler): unknown {
  if (value instanceof Response) return wrap(() => value.clone());
  if (typeof value === 'function') return wrap(value as BunHandler);
  if (isMethodMap(value)) {
    return Object.fromEntries(Object.entries(value).map(([method, handler]) => [method, wrapRoute(handler, wrap)]));
  }
  return value; // `false`, an HTML import, …: not a response Corsa can add to
}

// `{ GET: …, POST: … }`: every key an upper-case method name (an HTML import has others).
function isMethodMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === key.toUpperCase() && /^[A-Z]+$/.test(key));
}

function wrapHandler(policy: CorsPolicy, handler: BunHandler, onError: BunServeOptionsLike['error']): BunHandler {
  return async function corsaHandler(this: unknown, request: Request, server: unknown) {
    const answer = await evaluateCors(policy, request);
    if (answer instanceof Response) return answer;
    // biome-ignore lint/suspicious/noConfusingVoidType: what a Bun handler may return.
    let response: Response | undefined | void;
    try {
      response = await handler.call(this, request, server);
    } catch (error) {
      // Bun would call `error` itself, out of reach of the CORS headers; call it here.
      if (onError === undefined || !(error instanceof Error)) throw error;
      response = await onError.call(this, error);
      if (!(response instanceof Response)) throw error;
    }
    return response instanceof Response ? applyCors(response, answer) : response;
  };
}
