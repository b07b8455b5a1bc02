import { applyCors, type CorsOptions, type CorsPolicy, evaluateCors, toPolicy } from '@corsa/core';
import type { MiddlewareHandler } from 'hono';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

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
 *   responses made by `onError`, `HTTPException`, `notFound` and sub-apps. Responses
 *   with immutable headers (from `fetch()`) are re-wrapped; 101 WebSocket upgrades pass
 *   untouched. Registering it twice never duplicates a header.
 *
 * Options are validated when `cors()` is called: a bad one throws a `CorsConfigError`.
 */
export function cors(optionsOrPolicy: CorsOptions | CorsPolicy): MiddlewareHandler {
  const policy = toPolicy(optionsOrPolicy);
  return async function corsaMiddleware(c, next) {
    const answer = await evaluateCors(policy, c.req.raw);
    if (answer instanceof Response) return answer;
    await next();
    const response = applyCors(c.res, answer);
    if (response !== c.res) {
      // Hono's `res` setter copies the old response's headers over a new one, which would
      // undo the merged Vary; clearing it first hands the re-wrapped response over as is.
      c.res = undefined;
      c.res = response;
    }
  };
}
