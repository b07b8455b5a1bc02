import { applyCorsList } from './apply.js';
import { evaluateCorsFrom, readRequestHeader } from './evaluate.js';
import { answerOnce, claimRequest, newLayer, releaseRequest } from './layers.js';
import { type CorsPolicy, stateOf } from './policy.js';
import { type CheckedPolicySource, type PolicySource, policyResolver } from './policy-source.js';

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
 * host); what it returns is compiled once per distinct content. Options written in
 * place are checked by the compiler too (see `CheckedCorsOptions`).
 *
 * Extra arguments (Workers' `env` and `ctx`, Deno's `info`, …) are passed on as they are.
 * A handler that throws or rejects is answered with the policy's `onError` response, or
 * `500 Internal Server Error` with the error logged (`console.error`), and that response
 * carries the CORS answer too: an error never looks like a CORS failure. Wrapped twice
 * with policies of the same content, the outer layer answers and the inner one stands
 * aside; with different policies the inner layer throws a `CorsConfigError`
 * (`nested-policies`) on the first such request.
 */
export function withCors<Rest extends unknown[], const S extends PolicySource<Request> = PolicySource<Request>>(
  source: CheckedPolicySource<S, Request>,
  handler: FetchHandler<Rest>,
): (request: Request, ...rest: Rest) => Promise<Response>;
// The implementation takes any source; the signature above is what callers see.
export function withCors<Rest extends unknown[]>(
  source: PolicySource<Request> | object,
  handler: FetchHandler<Rest>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  const policyFor = policyResolver(source as PolicySource<Request>);
  const layer = newLayer();
  return (request, ...rest) => respondWithCors(policyFor(request), request, layer, () => handler(request, ...rest));
}

/**
 * For adapters: the whole life of a request under `policy`, for the layer `owner`. A
 * preflight gets Corsa's `Response` and `run` is not called; otherwise `run` makes the
 * response and the CORS answer is merged into it. What `run` throws or rejects with
 * becomes the policy's `onError` response, or a logged 500, with the CORS answer too.
 * `run` may return nothing (Bun, after `server.upgrade`): that passes through. When an
 * outer layer already answers the request with the same policy, `run` alone is called.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: what a Bun handler may return after an upgrade.
export async function respondWithCors<R extends Response | undefined | void>(
  policy: CorsPolicy,
  request: Request,
  owner: object,
  run: () => R | Promise<R>,
): Promise<Response | R> {
  if (!claimRequest(request, policy, owner)) return run();
  try {
    let answer = evaluateCorsFrom(policy, request, request.method, request, readRequestHeader);
    if (answer instanceof Promise) answer = await answer; // only an async predicate's answer is a Promise
    if (answer instanceof Response) return answer;
    let response: Response | R;
    try {
      response = await run();
    } catch (error) {
      response = await errorResponse(policy, error, request);
    }
    return response instanceof Response ? answerOnce(applyCorsList(answerOnce(response, policy, request), answer), policy, request) : response;
  } finally {
    releaseRequest(request, owner);
  }
}

/**
 * For adapters: the response for a handler's `error` under `policy`: its `onError`
 * response, or `500 Internal Server Error` with the error logged. Never throws.
 */
export async function errorResponse(policy: CorsPolicy, error: unknown, request: Request): Promise<Response> {
  const onError = stateOf(policy).options.onError;
  if (onError !== undefined) {
    try {
      const response = await onError(error, request);
      if (response instanceof Response) return response;
      console.error('[corsa] onError returned no Response; answering 500. The error:', error);
    } catch (hookError) {
      console.error('[corsa] onError threw; answering 500. The handler error and the onError error:', error, hookError);
    }
  } else {
    // What the runtime would have logged for an uncaught error: the error with its stack.
    console.error(error);
  }
  return new Response('Internal Server Error', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
