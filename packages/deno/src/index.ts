// Deno needs no plumbing of its own: core's withCors already passes `info` on.
import { type CorsOptions, type CorsPolicy, withCors as coreWithCors, toPolicy } from '@corsa/core';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/** A `Deno.serve` handler: the request and Deno's `info` (remote address, completed promise). */
export type DenoServeHandler<Info> = (request: Request, info: Info) => Response | Promise<Response>;

/** The `export default { fetch }` object that `deno serve` runs. */
export interface DenoServeDefaultExport<Info> {
  fetch: DenoServeHandler<Info>;
}

/**
 * Adds CORS to a `Deno.serve` handler, or to the `export default { fetch }` object that
 * `deno serve` runs (its other properties are kept).
 *
 * A preflight is answered without calling the handler (allowed: 204 with
 * `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 * `Vary`; refused: 403 with no `Access-Control-*` header). Every other response gets
 * `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin,
 * and `Vary: Origin`. Deno's `info` argument is passed on; responses with immutable
 * headers (from `fetch()`) are re-wrapped; the 101 response of `Deno.upgradeWebSocket`
 * passes untouched. Options are validated here: a bad one throws a `CorsConfigError`.
 */
export function withCors<Info>(cors: CorsOptions | CorsPolicy, handler: DenoServeHandler<Info>): (request: Request, info: Info) => Promise<Response>;
export function withCors<Info, T extends DenoServeDefaultExport<Info>>(cors: CorsOptions | CorsPolicy, handler: T): T;
export function withCors<Info>(
  cors: CorsOptions | CorsPolicy,
  handler: DenoServeHandler<Info> | DenoServeDefaultExport<Info>,
): DenoServeHandler<Info> | DenoServeDefaultExport<Info> {
  const policy = toPolicy(cors);
  if (typeof handler === 'function') return coreWithCors(policy, handler);
  if (typeof handler?.fetch !== 'function') {
    throw new TypeError('@corsa/deno: expected a handler (request, info) => Response, or an object with a fetch method for deno serve.');
  }
  return { ...handler, fetch: coreWithCors(policy, handler.fetch.bind(handler)) };
}
