// Corsa for SvelteKit: `cors(source)` is a `handle` for src/hooks.server.ts (alone or in
// `sequence()`). SvelteKit answers an `OPTIONS` to a `+server.ts` without an `OPTIONS`
// export with 405, so preflights are answered here, before `resolve`; every other response
// `resolve` makes (endpoints, pages, SvelteKit's own 404 and 500) gets the CORS answer.
// Under `vite dev` and `vite preview`, Vite's own CORS middleware runs before SvelteKit:
// `corsaVite()` from '@corsa/sveltekit/vite' turns it off (see src/vite.ts).

import { type CheckedPolicySource, newLayer, type PolicySource, policyResolver, respondWithCors } from '@corsa/core';
import type { Handle, RequestEvent } from '@sveltejs/kit';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/**
 * Corsa as a SvelteKit `handle`:
 *
 * ```ts
 * // src/hooks.server.ts
 * import { cors } from '@corsa/sveltekit';
 * export const handle = cors({ origins: ['https://app.example.com'], credentials: true });
 * // or, with other hooks: export const handle = sequence(cors(…), auth);
 * ```
 *
 * - A preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) is answered here,
 *   whatever the route exports: allowed → `preflightStatus` (204) with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused → 403 with no `Access-Control-*` header. `resolve` is not called.
 * - Every other response `resolve` makes — an endpoint's, a page's, SvelteKit's 404 and
 *   its 500 for an endpoint that throws — gets `Access-Control-Allow-Origin`,
 *   `-Credentials`, `-Expose-Headers` for an allowed origin and `Vary: Origin`, and loses
 *   any other `Access-Control-*` header: the CORS headers are exactly Corsa's answer.
 *   A hook after this one in `sequence()` that throws is answered with the policy's
 *   `onError` response, or a 500 with the error logged, with the CORS answer.
 *
 * `source`: options (validated here, when hooks.server.ts loads: a bad one throws a
 * `CorsConfigError`; written in place, a mistake is a type error naming the fix), a
 * policy, or `(event) => options | policy` (the `RequestEvent`: `event.url`,
 * `event.platform`, `event.locals` of hooks before this one), compiled once per distinct
 * content.
 */
export function cors<const S extends PolicySource<RequestEvent> = PolicySource<RequestEvent>>(source: CheckedPolicySource<S, RequestEvent>): Handle;
// One signature: with overloads, a mistake in the options would be blamed on another one.
export function cors(source: PolicySource<RequestEvent> | object): Handle {
  const policyFor = policyResolver(source as PolicySource<RequestEvent>);
  const layer = newLayer();
  return ({ event, resolve }) => respondWithCors(policyFor(event), event.request, layer, () => resolve(event));
}
