import { type CheckedPolicySource, type CorsPolicy, newLayer, type PolicySource, policyResolver, respondWithCors } from '@corsa/core';

export type { CorsOptions, CorsPolicy, PolicySource } from '@corsa/core';

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
  routes?: Record<string, BunRouteValue | CorsRoute>;
  // biome-ignore lint/suspicious/noExplicitAny: Bun types `this` as the server.
  // biome-ignore lint/suspicious/noConfusingVoidType: Bun's error hook may return nothing.
  error?: (this: any, error: Error) => Response | undefined | void | Promise<Response | undefined | void>;
}

const ROUTE_POLICY = Symbol('corsa route policy');

/** A route value with a policy of its own, made by `corsRoute`; only `withCors` can serve it. */
export interface CorsRoute<V extends BunRouteValue = BunRouteValue> {
  readonly [ROUTE_POLICY]: { readonly source: PolicySource<Request>; readonly value: V };
}

/** `T` as `withCors` returns it: every `corsRoute(…, value)` is served as `value` would be. */
export type WithCors<T> = T extends { routes: infer R } ? Omit<T, 'routes'> & { routes: { [K in keyof R]: R[K] extends CorsRoute<infer V> ? V : R[K] } } : T;

/**
 * Gives one route of `withCors(cors, { routes })` a policy of its own:
 * `'/api/*': corsRoute({ origins: [APP], credentials: true }, { GET: list, POST: create })`.
 * That policy, not the server's, answers every request to the route — preflights
 * included (a per-method route gets an `OPTIONS` handler that answers them; a
 * non-preflight `OPTIONS` goes on to `fetch`, under the route's policy). The value is not
 * a route Bun can serve by itself: outside `withCors`, `Bun.serve` refuses it at start-up.
 */
export function corsRoute<V extends BunRouteValue, const S extends PolicySource<Request> = PolicySource<Request>>(
  source: CheckedPolicySource<S, Request>,
  value: V,
): CorsRoute<V>;
export function corsRoute<V extends BunRouteValue>(source: PolicySource<Request> | object, value: V): CorsRoute<V> {
  return Object.freeze({ [ROUTE_POLICY]: { source: source as PolicySource<Request>, value } });
}

/**
 * Adds CORS to `Bun.serve` options: `Bun.serve(withCors(cors, { fetch, routes, error, … }))`.
 *
 * - `fetch` and every route are wrapped: static `Response` values, handler functions,
 *   per-method handler objects (`{ GET, POST }`, any upper-case method name), parameter
 *   and wildcard routes. A preflight is answered without calling them (allowed: 204 with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused: 403 with no `Access-Control-*` header); every other response gets
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin
 *   and `Vary: Origin`, and loses any other `Access-Control-*` header (a static
 *   `Response`'s, an upstream's): the CORS headers are exactly Corsa's answer.
 * - A per-method route without an `OPTIONS` handler gets one, so its preflights are
 *   answered under the route's policy; a non-preflight `OPTIONS` goes on to `fetch`
 *   (added, answering 404, when missing).
 * - A handler that returns nothing after `server.upgrade()` keeps working; WebSocket
 *   upgrades are untouched.
 * - When a handler throws, `error` (when given) makes the response, else the policy's
 *   `onError`, else a 500 with the error logged (`console.error`, stack included); that
 *   response gets the CORS headers too, so the browser shows your error instead of a
 *   CORS failure.
 * - Other route values (`false`, HTML imports) and every other option pass through.
 *
 * `cors`: options (validated here: a bad one throws a `CorsConfigError`; written in place,
 * a mistake is a type error naming the fix, see `CheckedCorsOptions`), a policy, or
 * `(request) => options | policy`. One route's own policy: `corsRoute`.
 */
export function withCors<T extends BunServeOptionsLike, const S extends PolicySource<Request> = PolicySource<Request>>(
  cors: CheckedPolicySource<S, Request>,
  serveOptions: T,
): WithCors<T>;
export function withCors<T extends BunServeOptionsLike>(cors: PolicySource<Request> | object, serveOptions: T): WithCors<T> {
  const serverPolicy = policyResolver(cors as PolicySource<Request>);
  const fetch = serveOptions.fetch ?? notFound;
  // One layer for the whole server: its routes never nest inside one another.
  const layer = newLayer();
  const wrap = (policyFor: PolicyFor, handler: BunHandler) => wrapHandler(policyFor, handler, serveOptions.error, layer);
  const routes = serveOptions.routes;
  return {
    ...serveOptions,
    fetch: wrap(serverPolicy, fetch),
    ...(routes
      ? {
          routes: Object.fromEntries(
            Object.entries(routes).map(([path, value]) => {
              const own = isCorsRoute(value) ? value[ROUTE_POLICY] : undefined;
              const policyFor = own ? policyResolver(own.source) : serverPolicy;
              return [path, wrapRoute(path, own ? own.value : value, (handler) => wrap(policyFor, handler), fetch)];
            }),
          ),
        }
      : {}),
  } as WithCors<T>;
}

type PolicyFor = (request: Request) => CorsPolicy;

function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

function isCorsRoute(value: unknown): value is CorsRoute {
  return typeof value === 'object' && value !== null && ROUTE_POLICY in value;
}

function wrapRoute(path: string, value: unknown, wrap: (handler: BunHandler) => BunHandler, fetch: BunHandler): unknown {
  if (value instanceof Response) return wrap(() => value.clone());
  if (typeof value === 'function') return wrap(value as BunHandler);
  if (isCorsRoute(value)) throw new TypeError(`@corsa/bun: route '${path}': corsRoute() cannot be nested inside another corsRoute().`);
  if (isMethodMap(path, value)) {
    const wrapped: Record<string, unknown> = Object.fromEntries(
      Object.entries(value).map(([method, handler]) => [method, wrapRoute(path, handler, wrap, fetch)]),
    );
    // Bun sends a method the map lacks to `fetch`; a preflight must meet this route's policy.
    wrapped.OPTIONS ??= wrap(fetch);
    return wrapped;
  }
  return value; // `false`, an HTML import, …: not a response Corsa can add to
}

// `{ GET: …, 'M-SEARCH': … }`: every key an upper-case method name (an HTML import has
// `index`). An object mixing method names with other keys is refused rather than
// guessed at: wrapping part of it, or none, would let a preflight reach a handler.
function isMethodMap(path: string, value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Response) return false;
  const keys = Object.keys(value);
  const methods = keys.filter(isMethodName);
  if (methods.length === 0) return false;
  if (methods.length < keys.length) {
    const others = keys.filter((key) => !isMethodName(key));
    throw new TypeError(
      `@corsa/bun: route '${path}' mixes method handlers (${methods.join(', ')}) with other keys (${others.join(', ')}); a per-method route has upper-case method names only.`,
    );
  }
  return true;
}

// An upper-case HTTP token: GET, PATCH, M-SEARCH, …
function isMethodName(key: string): boolean {
  if (key.length === 0 || key !== key.toUpperCase()) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f)) return false;
  }
  return true;
}

function wrapHandler(policyFor: PolicyFor, handler: BunHandler, onError: BunServeOptionsLike['error'], layer: object): BunHandler {
  return function corsaHandler(this: unknown, request: Request, server: unknown) {
    return respondWithCors(policyFor(request), request, layer, async () => {
      try {
        return await handler.call(this, request, server);
      } catch (error) {
        // Bun would call `error` itself, out of reach of the CORS headers; call it here.
        // Without it (or when it makes no Response), the policy's onError or a 500 answers.
        if (onError === undefined || !(error instanceof Error)) throw error;
        const response = await onError.call(this, error);
        if (!(response instanceof Response)) throw error;
        return response;
      }
    });
  };
}
