// Corsa for Astro: `cors(source)` is an `onRequest` middleware (src/middleware.ts, alone or
// in `sequence()`), for on-demand rendered routes (`output: 'server'`, or a route with
// `export const prerender = false`). Astro answers an `OPTIONS` to an endpoint without an
// `OPTIONS` (or `ALL`) export itself, without CORS headers; preflights are answered here,
// before `next()`, and every response `next()` makes gets the CORS answer.
import { type CheckedPolicySource, newLayer, type PolicySource, policyResolver, respondWithCors } from '@corsa/core';
import type { APIContext, MiddlewareHandler } from 'astro';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/**
 * Corsa as an Astro middleware:
 *
 * ```ts
 * // src/middleware.ts
 * import { cors } from '@corsa/astro';
 * export const onRequest = cors({ origins: ['https://app.example.com'], credentials: true });
 * ```
 *
 * - A preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) is answered here,
 *   whatever the endpoint exports: allowed → `preflightStatus` (204) with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused → 403 with no `Access-Control-*` header. `next()` is not called.
 * - Every other response `next()` makes — an endpoint's, a page's, Astro's 404 and its 500
 *   for an endpoint that throws — gets `Access-Control-Allow-Origin`, `-Credentials`,
 *   `-Expose-Headers` for an allowed origin and `Vary: Origin`, and loses any other
 *   `Access-Control-*` header: the CORS headers are exactly Corsa's answer. A middleware
 *   after this one in `sequence()` that throws is answered with the policy's `onError`
 *   response, or a 500 with the error logged, with the CORS answer.
 *
 * `source`: options (validated here, when src/middleware.ts loads: a bad one throws a
 * `CorsConfigError`; written in place, a mistake is a type error naming the fix), a
 * policy, or `(context) => options | policy` (Astro's `APIContext`: `context.url`,
 * `context.locals`, `context.site`), compiled once per distinct content.
 */
export function cors<const S extends PolicySource<APIContext> = PolicySource<APIContext>>(source: CheckedPolicySource<S, APIContext>): MiddlewareHandler;
// One signature: with overloads, a mistake in the options would be blamed on another one.
export function cors(source: PolicySource<APIContext> | object): MiddlewareHandler {
  const policyFor = policyResolver(source as PolicySource<APIContext>);
  const layer = newLayer();
  return (context, next) => respondWithCors(policyFor(context), context.request, layer, () => next());
}
