// Deno needs no plumbing of its own: core's withCors already passes `info` on.
import { type CheckedPolicySource, type CorsPolicy, withCors as coreWithCors, handlerMembers, type PolicySource } from '@corsa/core';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/** A `Deno.serve` handler: the request and Deno's `info` (remote address, completed promise). */
export type DenoServeHandler<Info> = (request: Request, info: Info) => Response | Promise<Response>;

/** The `export default { fetch }` object that `deno serve` runs. */
export interface DenoServeDefaultExport<Info> {
  fetch: DenoServeHandler<Info>;
}

/**
 * What `withCors` returns: a `Deno.serve` handler for a handler, the default export
 * object (its other members kept) for an object.
 */
export type WrappedDenoHandler<H> = H extends (request: Request, info: infer Info) => unknown ? (request: Request, info: Info) => Promise<Response> : H;

/**
 * Adds CORS to a `Deno.serve` handler, or to the `export default { fetch }` object that
 * `deno serve` runs (its other members are kept, class methods such as `onListen`
 * included, bound to the object).
 *
 * A preflight is answered without calling the handler (allowed: 204 with
 * `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 * `Vary`; refused: 403 with no `Access-Control-*` header). Every other response gets
 * `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin,
 * and `Vary: Origin`; any other `Access-Control-*` header on it (an upstream's, when the
 * handler proxies) is removed. A handler that throws or rejects is answered with the
 * policy's `onError` response or a 500 (the error logged with its stack, as Deno logs an
 * uncaught one), with the CORS answer. Deno's `info` argument is passed on; responses with
 * immutable headers (from `fetch()`) are re-wrapped; the 101 response of
 * `Deno.upgradeWebSocket` passes untouched.
 *
 * `cors`: options (validated here: a bad one throws a `CorsConfigError`; written in place,
 * a mistake is a type error naming the fix, see `CheckedCorsOptions`), a policy, or
 * `(request) => options | policy` for a policy per path or host, compiled once per
 * distinct value it returns.
 */
export function withCors<
  // biome-ignore lint/suspicious/noExplicitAny: Deno types `info`; an unannotated handler's is left open.
  H extends DenoServeHandler<any> | DenoServeDefaultExport<any>,
  const S extends PolicySource<Request> = PolicySource<Request>,
>(cors: CheckedPolicySource<S, Request>, handler: H): WrappedDenoHandler<H>;
// One signature for both shapes: with overloads, a mistake in the options would be
// reported as "No overload matches this call" against the wrong overload.
export function withCors<Info>(
  cors: PolicySource<Request> | object,
  handler: DenoServeHandler<Info> | DenoServeDefaultExport<Info>,
): DenoServeHandler<Info> | DenoServeDefaultExport<Info> {
  // core's withCors takes any source as is.
  const source = cors as CorsPolicy;
  if (typeof handler === 'function') return coreWithCors(source, handler);
  if (typeof handler?.fetch !== 'function') {
    throw new TypeError('@corsa/deno: expected a handler (request, info) => Response, or an object with a fetch method for deno serve.');
  }
  return { ...handlerMembers(handler), fetch: coreWithCors(source, handler.fetch.bind(handler)) } as DenoServeDefaultExport<Info>;
}
