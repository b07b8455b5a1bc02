// Corsa for Next.js (App Router). Two places to put it, as Next.js offers them:
//
// - `withCors(source, { GET, POST, … })` in a `route.ts`: the handlers wrapped, plus the
//   `OPTIONS` that answers preflights (Next.js dispatches only the methods a route
//   exports, and its own automatic OPTIONS answers 204 with `Allow` and no CORS header).
//   Corsa owns the CORS headers of every response the handlers return, errors included.
// - `corsProxy(source)` in `proxy.ts` (Next.js 16; `middleware.ts` before, on the Edge
//   runtime): preflights answered before routing, and the CORS answer added to what the
//   routes under its `matcher` return. A proxy sees no route's response, so a route that
//   sets CORS headers of its own is not overruled there: use withCors for those routes.
import {
  applyCorsList,
  type CheckedPolicySource,
  type CorsPolicy,
  evaluateCorsFrom,
  newLayer,
  type PolicySource,
  policyResolver,
  readRequestHeader,
  respondWithCors,
} from '@corsa/core';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/** A route handler, as Next.js calls it: the request (a `NextRequest`) and `{ params }`. */
// biome-ignore lint/suspicious/noExplicitAny: Next.js types each route's params itself.
export type RouteHandler<R extends Request = any, C = any> = (request: R, context: C) => Response | Promise<Response>;

/** The methods a `route.ts` may export. */
export const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** The handlers of one `route.ts`, by method. */
export type RouteHandlers = { readonly [M in RouteMethod]?: RouteHandler };

/**
 * Adds CORS to the handlers of a `route.ts`:
 *
 * ```ts
 * export const { GET, POST, OPTIONS } = withCors({ origins: ['https://app.example.com'] }, { GET: list, POST: create });
 * ```
 *
 * - A preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) is answered by
 *   Corsa: allowed → `preflightStatus` (204) with `Access-Control-Allow-Origin`,
 *   `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`, `Vary`; refused → 403 with no
 *   `Access-Control-*` header. The returned object always has `OPTIONS`; export it. Your
 *   own `OPTIONS` handler, if any, gets the `OPTIONS` requests that are not preflights;
 *   without one they are answered as Next.js does (204 with `Allow: <the methods>`).
 * - Every other response of the handlers — errors included — gets
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin
 *   and `Vary: Origin`, and loses any other `Access-Control-*` header: the CORS headers are
 *   exactly Corsa's answer. A handler that throws is answered with the policy's `onError`
 *   response or a 500 (the error logged with its stack), with the CORS answer.
 *
 * `source`: options (validated here, at module load: a bad one throws a
 * `CorsConfigError`; written in place, a mistake is a type error naming the fix), a
 * policy, or `(request) => options | policy`, compiled once per distinct content.
 */
export function withCors<H extends RouteHandlers, const S extends PolicySource<Request> = PolicySource<Request>>(
  source: CheckedPolicySource<S, Request>,
  handlers: H,
): CorsRouteHandlers<H>;
// One signature: with overloads, a mistake in the options would be blamed on another one.
export function withCors(source: PolicySource<Request> | object, handlers: RouteHandlers): Record<string, RouteHandler> {
  if (typeof handlers !== 'object' || handlers === null) {
    throw new TypeError("@corsa/next: withCors(source, handlers) takes the route's handlers by method, e.g. withCors(options, { GET, POST }).");
  }
  const unknown = Object.keys(handlers).filter((name) => !(ROUTE_METHODS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new TypeError(`@corsa/next: ${unknown.map((name) => `'${name}'`).join(', ')} is not a route method; a route.ts exports ${ROUTE_METHODS.join(', ')}.`);
  }
  const policyFor = policyResolver(source as PolicySource<Request>);
  const layer = newLayer();
  const exported = Object.keys(handlers) as RouteMethod[];
  const allow = [...new Set([...exported, ...(exported.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])].join(', ');
  const wrap =
    (handler: RouteHandler): RouteHandler =>
    (request, context) =>
      respondWithCors(policyFor(request), request, layer, () => handler(request, context));
  const wrapped: Record<string, RouteHandler> = {};
  for (const method of exported) {
    const handler = handlers[method];
    if (typeof handler !== 'function') throw new TypeError(`@corsa/next: handlers.${method} is not a function.`);
    wrapped[method] = wrap(handler);
  }
  // What Next.js answers to an OPTIONS a route does not export, kept for non-preflights.
  wrapped.OPTIONS ??= wrap(() => new Response(null, { status: 204, headers: { allow } }));
  return wrapped;
}

/** `H` with every handler wrapped (its request and context types kept, for Next.js's route type checks), and `OPTIONS` always present. */
export type CorsRouteHandlers<H extends RouteHandlers> = { readonly [M in keyof H]: WrappedHandler<H[M]> } & { readonly OPTIONS: RouteHandler };

/** A handler as `withCors` returns it: Next.js calls it with the request and `{ params }`, as it calls yours. */
export type WrappedHandler<F> = F extends (...args: infer A) => unknown
  ? // biome-ignore lint/suspicious/noExplicitAny: a handler that declares no context takes any.
    (request: A extends [infer R, ...unknown[]] ? R : Request, context: A extends [unknown, infer C, ...unknown[]] ? C : any) => Promise<Response>
  : never;

/**
 * What Next.js's proxy (middleware) lets a request do next: continue to the route
 * (`NextResponse.next()`), or any response (a redirect, a rewrite) that CORS headers are
 * added to.
 */
export type ProxyNext<R extends Request> = (request: R) => Response | Promise<Response>;

/**
 * Corsa as Next.js's proxy (`proxy.ts`, Next.js 16) or middleware (`middleware.ts`, on
 * the Edge or Node runtime), for the paths its `matcher` covers:
 *
 * ```ts
 * import { NextResponse } from 'next/server';
 * export const proxy = corsProxy({ origins: ['https://app.example.com'] }, () => NextResponse.next());
 * export const config = { matcher: '/api/:path*' };
 * ```
 *
 * - A preflight is answered here, before routing (allowed → 204 with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused → 403 with no `Access-Control-*` header), whatever the route exports.
 * - Any other request goes on: `next(request)` makes the proxy's response (pass
 *   `() => NextResponse.next()`, or your own proxy logic), and it gets
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin
 *   and `Vary: Origin`. Next.js copies the headers of `NextResponse.next()` onto the
 *   route's response, so every response of the matched routes carries them — a 404 or a
 *   route's error included. A proxy cannot see the route's own headers: a route that
 *   sets CORS headers itself is not overruled (wrap those routes with `withCors`).
 */
export function corsProxy<R extends Request, const S extends PolicySource<R> = PolicySource<R>>(
  source: CheckedPolicySource<S, R>,
  next: ProxyNext<R>,
): (request: R) => Promise<Response>;
export function corsProxy<R extends Request>(source: PolicySource<R> | object, next: ProxyNext<R>): (request: R) => Promise<Response> {
  if (typeof next !== 'function') {
    throw new TypeError(
      "@corsa/next: corsProxy(source, next) needs what the proxy does next, e.g. corsProxy(options, () => NextResponse.next()) from 'next/server'.",
    );
  }
  const policyFor = policyResolver(source as PolicySource<R>);
  return async (request) => {
    const policy: CorsPolicy = policyFor(request);
    let answer = evaluateCorsFrom(policy, request, request.method, request, readRequestHeader);
    if (answer instanceof Promise) answer = await answer; // only an async predicate's answer is a Promise
    if (answer instanceof Response) return answer;
    return applyCorsList(await next(request), answer);
  };
}
