// Deno needs no plumbing of its own: core's withCors already passes `info` on.
import {
  type CheckedCorsOptions,
  type CorsOptions,
  type CorsPolicy,
  withCors as coreWithCors,
  handlerMembers,
  type PolicyFactory,
  type PolicySource,
} from '@corsa/core';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/** A `Deno.serve` handler: the request and Deno's `info` (remote address, completed promise). */
export type DenoServeHandler<Info> = (request: Request, info: Info) => Response | Promise<Response>;

/** The `export default { fetch }` object that `deno serve` runs. */
export interface DenoServeDefaultExport<Info> {
  fetch: DenoServeHandler<Info>;
}

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
 * `cors`: options (validated here: a bad one throws a `CorsConfigError`), a policy, or
 * `(request) => options | policy` for a policy per path or host, compiled once per
 * distinct value it returns.
 */
export function withCors<Info, const O extends CorsOptions | CorsPolicy = CorsOptions>(
  cors: CheckedCorsOptions<O>,
  handler: DenoServeHandler<Info>,
): (request: Request, info: Info) => Promise<Response>;
/** The same, with a policy from the request: `withCors((request) => options | policy, handler)`, compiled once per distinct value it returns. */
export function withCors<Info>(cors: PolicyFactory<Request>, handler: DenoServeHandler<Info>): (request: Request, info: Info) => Promise<Response>;
/** `deno serve`'s default export `{ fetch }`, wrapped the same way; its other members are kept. */
export function withCors<Info, T extends DenoServeDefaultExport<Info>, const O extends CorsOptions | CorsPolicy = CorsOptions>(
  cors: CheckedCorsOptions<O>,
  handler: T,
): T;
/** `deno serve`'s default export, with a policy from the request. */
export function withCors<Info, T extends DenoServeDefaultExport<Info>>(cors: PolicyFactory<Request>, handler: T): T;
export function withCors<Info>(
  cors: PolicySource<Request> | object,
  handler: DenoServeHandler<Info> | DenoServeDefaultExport<Info>,
): DenoServeHandler<Info> | DenoServeDefaultExport<Info> {
  // core's overloads split options from functions; any source passes through to it as is.
  const source = cors as CorsPolicy;
  if (typeof handler === 'function') return coreWithCors(source, handler);
  if (typeof handler?.fetch !== 'function') {
    throw new TypeError('@corsa/deno: expected a handler (request, info) => Response, or an object with a fetch method for deno serve.');
  }
  return { ...handlerMembers(handler), fetch: coreWithCors(source, handler.fetch.bind(handler)) } as DenoServeDefaultExport<Info>;
}
