import { applyCorsList } from './apply.js';
import { evaluateCorsFrom, readRequestHeader } from './evaluate.js';
import { claimRequest, newLayer, releaseRequest } from './layers.js';
import type { CheckedCorsOptions, CorsOptions } from './options.js';
import type { CorsPolicy } from './policy.js';
import { type PolicyFactory, type PolicySource, policyResolver } from './policy-source.js';

/** A fetch-style handler: a `Request` (plus whatever the runtime passes) in, a `Response` out. */
export type FetchHandler<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>;

/**
 * Wraps any fetch-style handler with CORS. A preflight is answered by Corsa (see
 * `evaluateCors` for its exact headers) and never reaches `handler`; every other request
 * runs `handler` and gets the CORS headers merged into its response with `applyCors`,
 * which also removes any `Access-Control-*` header the handler's response carried (from
 * an upstream it proxies, say) that Corsa's answer does not set.
 *
 * `source` is options (validated here: a bad option throws now), a policy, or a
 * function `(request) => options | policy` for a policy per request (per path, per
 * host); what it returns is compiled once per distinct value.
 *
 * Extra arguments (Workers' `env` and `ctx`, Deno's `info`, …) are passed on as they are.
 * Errors thrown by `handler` propagate unchanged. Wrapped twice with the same policy, the
 * outer layer answers and the inner one stands aside; with different policies the inner
 * layer throws a `CorsConfigError` (`nested-policies`) on the first such request.
 */
export function withCors<Rest extends unknown[], const O extends CorsOptions | CorsPolicy = CorsOptions>(
  source: CheckedCorsOptions<O>,
  handler: FetchHandler<Rest>,
): (request: Request, ...rest: Rest) => Promise<Response>;
/** The same, with a policy from the request: `withCors((request) => options | policy, handler)`, compiled once per distinct value it returns. */
export function withCors<Rest extends unknown[]>(
  source: PolicyFactory<Request>,
  handler: FetchHandler<Rest>,
): (request: Request, ...rest: Rest) => Promise<Response>;
// The implementation takes any source; the overloads above are what callers see.
export function withCors<Rest extends unknown[]>(
  source: PolicySource<Request> | object,
  handler: FetchHandler<Rest>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  const policyFor = policyResolver(source as PolicySource<Request>);
  const layer = newLayer();
  return async (request, ...rest) => {
    const policy = policyFor(request);
    if (!claimRequest(request, policy, layer)) return handler(request, ...rest);
    try {
      let answer = evaluateCorsFrom(policy, request, request.method, request, readRequestHeader);
      if (answer instanceof Promise) answer = await answer; // only an async predicate's answer is a Promise
      if (answer instanceof Response) return answer;
      return applyCorsList(await handler(request, ...rest), answer);
    } finally {
      releaseRequest(request, layer);
    }
  };
}
