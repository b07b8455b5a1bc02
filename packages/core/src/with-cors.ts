import { applyCors } from './apply.js';
import { evaluateCors } from './evaluate.js';
import type { CorsOptions } from './options.js';
import { type CorsPolicy, createCorsPolicy, isCorsPolicy } from './policy.js';

/** A fetch-style handler: a `Request` (plus whatever the runtime passes) in, a `Response` out. */
export type FetchHandler<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>;

/** A policy, or options to compile into one (validated at once: a bad option throws here). */
export type PolicyOrOptions = CorsPolicy | CorsOptions;

/** The policy `value` names: itself, or compiled from options. */
export function toPolicy(value: PolicyOrOptions): CorsPolicy {
  return isCorsPolicy(value) ? value : createCorsPolicy(value);
}

/**
 * Wraps any fetch-style handler with CORS. A preflight is answered by Corsa (see
 * `evaluateCors` for its exact headers) and never reaches `handler`; every other request
 * runs `handler` and gets the CORS headers merged into its response with `applyCors`.
 * Extra arguments (Workers' `env` and `ctx`, Deno's `info`, …) are passed on as they are.
 * Errors thrown by `handler` propagate unchanged.
 */
export function withCors<Rest extends unknown[]>(
  policyOrOptions: PolicyOrOptions,
  handler: FetchHandler<Rest>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  const policy = toPolicy(policyOrOptions);
  return async (request, ...rest) => {
    const answer = await evaluateCors(policy, request);
    if (answer instanceof Response) return answer;
    return applyCors(await handler(request, ...rest), answer);
  };
}
