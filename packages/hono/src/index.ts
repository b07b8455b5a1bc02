import {
  answerOnce,
  applyCorsList,
  type CheckedPolicySource,
  type CorsOptions,
  type CorsPolicy,
  claimRequest,
  evaluateCorsFrom,
  keepAliveWith,
  policyResolver,
  releaseRequest,
} from '@corsa/core';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { dropForeignCorsHeaders, nodeIncoming, readIncomingHeader, readRequestHeader } from './fields.js';
import { answeringLayer, type CorsLayer, markAnswering, registerLayer } from './overlap.js';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/**
 * Where the middleware's policy comes from: options, a compiled policy, or a function of
 * Hono's context returning either — `(c) => corsOptionsFromEnv(c.env)` for `[vars]` on
 * Cloudflare Workers. The function runs per request; what it returns is compiled once
 * per distinct value (`corsOptionsFromEnv` returns the same object for an unchanged
 * `c.env`), so it costs about what a static policy costs.
 */
// biome-ignore lint/suspicious/noExplicitAny: Hono's own default for an app's Env.
export type HonoCorsSource<E extends Env = any> = CorsOptions | CorsPolicy | ((c: Context<E>) => CorsOptions | CorsPolicy);

/**
 * Corsa as Hono middleware. Register it first (`app.use('*', cors({ … }))`), before auth:
 *
 * - A CORS preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) is answered
 *   here, before routing and before any middleware registered after this one, even on
 *   paths that have no `OPTIONS` route: allowed → `preflightStatus` (204) with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused → 403 with no `Access-Control-*` header.
 * - Every other request (an `OPTIONS` that is not a preflight included) runs the route,
 *   and the response gets `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers`
 *   for an allowed origin and `Vary: Origin` (merged) for a listed-origin policy — also
 *   responses made by `onError`, `HTTPException`, `notFound` and sub-apps. Any other
 *   `Access-Control-*` header on the response (from `c.header()`, a proxied `fetch()`)
 *   is removed: the CORS headers are exactly Corsa's answer. Responses with immutable
 *   headers are re-wrapped; 101 WebSocket upgrades pass untouched.
 * - Several cors() on overlapping paths: the one registered for the most specific path
 *   answers each request (more literal segments, then more `:params`, then fewer `*`),
 *   whatever the registration order; the others stand aside. Two different cors() at
 *   equally specific paths, or a cors() registered for one method, throw a
 *   `CorsConfigError` on the first request they meet. The same cors() registered twice
 *   answers once.
 *
 * `source`: options (validated here: a bad one throws a `CorsConfigError` now; written in
 * place, a mistake is a type error naming the fix, see `CheckedCorsOptions`), a policy,
 * or `(c) => options | policy` (see `HonoCorsSource`). A function's `c` has the app's
 * bindings and variables when they are named: `cors<AppEnv>((c) => …)`, or
 * `cors((c: Context<AppEnv>) => …)` (Hono's `app.use()` is generic, so the app's `Env`
 * does not reach an argument by itself).
 */
// biome-ignore lint/suspicious/noExplicitAny: Hono's own default for an app's Env.
export function cors<E extends Env = any, const S extends HonoCorsSource<E> = HonoCorsSource<E>>(
  source: CheckedPolicySource<S, Context<E>>,
): MiddlewareHandler<E>;
// biome-ignore lint/suspicious/noExplicitAny: Hono's own default for an app's Env.
export function cors<E extends Env = any>(source: HonoCorsSource<E> | object): MiddlewareHandler<E> {
  const layer: CorsLayer = { resolve: policyResolver(source as HonoCorsSource) };
  const middleware: MiddlewareHandler<E> = async function corsaMiddleware(c, next) {
    const answering = answeringLayer(c, layer);
    if (answering === undefined) return next();
    const request = c.req.raw;
    const policy = answering.resolve(c);
    if (!claimRequest(request, policy, c)) return next();
    markAnswering(c, answering);
    const node = nodeIncoming(c);
    // Off Node (where nothing cancels it), work Corsa does not wait for (cachedOrigins refreshing
    // a stale answer) is handed to the runtime's waitUntil (a Worker's), when it has one.
    if (!node) keepAliveWith(request, (work) => c.executionCtx.waitUntil(work));
    try {
      let answer = node
        ? evaluateCorsFrom(policy, request, c.req.method, node.headers, readIncomingHeader)
        : evaluateCorsFrom(policy, request, c.req.method, request, readRequestHeader);
      // Only an async predicate returns a Promise: awaiting anything else would cost a microtask.
      if (answer instanceof Promise) answer = await answer;
      if (answer instanceof Response) {
        dropForeignCorsHeaders(c);
        return answer;
      }
      await next();
      dropForeignCorsHeaders(c);
      const response = answerOnce(applyCorsList(answerOnce(c.res, policy, request), answer), policy, request);
      if (response !== c.res) {
        // Hono's `res` setter copies the old response's headers over a new one, which would
        // undo the merged Vary; clearing it first hands the re-wrapped response over as is.
        c.res = undefined;
        c.res = response;
      }
    } finally {
      releaseRequest(request, c);
    }
  };
  registerLayer(middleware, layer);
  return middleware;
}
