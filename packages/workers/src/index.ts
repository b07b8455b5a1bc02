import {
  type CheckedPolicySource,
  type CorsOptions,
  type CorsPolicy,
  handlerMembers,
  keepAliveWith,
  newLayer,
  policyResolver,
  respondWithCors,
} from '@corsa/core';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/**
 * The shape of a module-syntax Worker (`ExportedHandler` from @cloudflare/workers-types),
 * kept structural so that both the ambient and the importable workers-types fit.
 */
export interface WorkerHandlerLike {
  // biome-ignore lint/suspicious/noExplicitAny: the Workers runtime types its own arguments.
  fetch?: (request: any, env: any, ctx: any) => Response | Promise<Response>;
}

/**
 * The `env` type of a handler's `fetch`: `any` when its `fetch` takes no `env` (so any
 * factory fits). `undefined` and an empty `{}` are left out, since Hono types its
 * `fetch(request, env?: Bindings | {})`: a Hono app's env is its Bindings.
 */
// biome-ignore lint/suspicious/noExplicitAny: a fetch without an env parameter says nothing about env.
export type EnvOf<H> = H extends { fetch?: (request: never, env: infer E, ...rest: never[]) => unknown } ? OrAny<NonEmpty<Exclude<E, undefined>>> : any;

type NonEmpty<T> = T extends unknown ? (keyof T extends never ? never : T) : never;
// biome-ignore lint/suspicious/noExplicitAny: nothing known about env: any factory fits.
type OrAny<T> = [T] extends [never] ? any : unknown extends T ? any : T;

/** Options, a compiled policy, or a factory `(env) => options | policy`, called per request and compiled once per content. */
export type CorsSource<Env> = CorsOptions | CorsPolicy | ((env: Env) => CorsOptions | CorsPolicy);

/**
 * Wraps a module-syntax Worker: `export default withCors(cors, { fetch, scheduled, … })`.
 *
 * `fetch` gets CORS: a preflight is answered without calling it (allowed: 204 with
 * `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 * `Vary`; refused: 403 with no `Access-Control-*` header); every other response gets
 * `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin
 * and `Vary: Origin`. Responses from `fetch()` or the Cache API (immutable headers) are
 * re-wrapped; a WebSocket response (101 with `webSocket`) passes untouched. When `fetch`
 * throws or rejects, the answer is the policy's `onError` response or a 500 (the error
 * logged with its stack, as `wrangler tail` shows an uncaught one), with the CORS answer. Any other
 * `Access-Control-*` header on `fetch`'s response (an upstream's own CORS answer, when
 * the Worker proxies) is removed: the CORS headers are exactly Corsa's answer. Every
 * other handler (`scheduled`, `queue`, `email`, …) is passed through as it is, class
 * methods included (bound to `handler`).
 *
 * `cors` may be a factory, e.g. `(env) => corsOptionsFromEnv(env)` to read `CORS_ORIGINS`
 * and friends from `wrangler.toml` `[vars]`: it is called per request and what it returns
 * is compiled once per content (`corsOptionsFromEnv` parses once per unchanged `env`). A bad value throws a `CorsConfigError` naming the variable on the first request.
 * Options given directly are validated here, at start-up, and by the compiler when
 * written in place (see `CheckedCorsOptions` in @corsa/core).
 */
export function withCors<H extends WorkerHandlerLike, const S extends CorsSource<EnvOf<H>> = CorsSource<EnvOf<H>>>(
  cors: CheckedPolicySource<S, EnvOf<H>>,
  handler: H,
): H;
export function withCors<H extends WorkerHandlerLike>(cors: CorsSource<EnvOf<H>> | object, handler: H): H {
  const fetch = handler.fetch;
  if (typeof fetch !== 'function') {
    throw new TypeError('@corsa/workers: the handler has no fetch method; write export default withCors(cors, { async fetch(request, env, ctx) { … } }).');
  }
  // A factory runs per request, as in every adapter: an `env` changed in place is seen at
  // once, and what it returns is compiled once per content.
  const policyFor = policyResolver(cors as CorsSource<EnvOf<H>>);
  const layer = newLayer();
  return {
    ...handlerMembers(handler),
    fetch(request: Request, env: EnvOf<H>, ctx: unknown): Promise<Response> {
      // Work Corsa starts but does not wait for (cachedOrigins refreshing a stale answer) outlives the response.
      const waitUntil = (ctx as { waitUntil?: unknown } | undefined)?.waitUntil;
      if (typeof waitUntil === 'function') keepAliveWith(request, (work) => waitUntil.call(ctx, work));
      return respondWithCors(policyFor(env), request, layer, () => fetch.call(handler, request, env, ctx));
    },
  } as H;
}
