import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CheckedPolicySource,
  type CorsOptions,
  type CorsPolicy,
  claimRequest,
  errorResponse,
  evaluateCorsFrom,
  isCorsHeaderName,
  newLayer,
  policyResolver,
} from '@corsa/core';
import { NodeRequestRef, readNodeHeader } from './request.js';
import { ownResponse, sendResponse } from './response.js';

export type { CorsOptions, CorsPolicy } from '@corsa/core';
/** For adapters on Node (@corsa/fastify): Node's parsed headers as Corsa reads them, and a Request built only on demand. */
export { NodeRequestRef, readNodeHeader } from './request.js';
/** For adapters on Node: removes every `Access-Control-*` and `Corsa-Refusal` header set on a ServerResponse. */
export { dropForeignCorsHeaders } from './response.js';

/** Options, a compiled policy, or a function of the request (`(req) => options | policy`), compiled once per distinct content. */
export type NodeCorsSource<Req extends IncomingMessage = IncomingMessage> = CorsOptions | CorsPolicy | ((req: Req) => CorsOptions | CorsPolicy);

/** A Connect/Express middleware: `(req, res, next)`. */
export type NodeMiddleware<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = (
  req: Req,
  res: Res,
  next: (error?: unknown) => void,
) => void;

/**
 * Corsa as Connect/Express middleware (Express 4 and 5, Connect, and any framework that
 * takes `(req, res, next)`). Register it first, before routes and authentication:
 * `app.use(cors({ origins: ['https://app.example.com'], credentials: true }))`.
 *
 * - A CORS preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) is answered
 *   here and never reaches a route: allowed → `preflightStatus` (204) with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused → 403, empty body, no `Access-Control-*` header.
 * - Every other request (an `OPTIONS` that is not a preflight included) goes on to the app,
 *   and whatever response it sends — a route's, Express's error handler's, a 404, a proxied
 *   upstream's — gets `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for
 *   an allowed origin and `Vary: Origin` (merged). Its CORS headers are exactly Corsa's
 *   answer: any other `Access-Control-*` header, set with `res.setHeader` before or after
 *   this middleware or passed to `res.writeHead`, is removed.
 * - Headers are read from `req.headers` as Node parsed them; a Fetch `Request` is built only
 *   when an origins predicate or `onRefusal` needs one.
 *
 * `source`: options (validated here: a bad one throws a `CorsConfigError` now; written in
 * place, a mistake is a type error naming the fix, see `CheckedCorsOptions`), a policy, or
 * `(req) => options | policy`. Errors (a source that throws, two Corsa layers with different
 * policies on one request) go to `next(error)`: Express's error handler answers them, with
 * the CORS answer when it was already known.
 */
export function cors<Req extends IncomingMessage = IncomingMessage, const S extends NodeCorsSource<Req> = NodeCorsSource<Req>>(
  source: CheckedPolicySource<S, Req>,
): NodeMiddleware<Req>;
export function cors<Req extends IncomingMessage = IncomingMessage>(source: NodeCorsSource<Req> | object): NodeMiddleware<Req> {
  const policyFor = policyResolver(source as NodeCorsSource<Req>);
  const layer = newLayer();
  return function corsaMiddleware(req, res, next) {
    let answer: ReturnType<typeof evaluateCorsFrom>;
    try {
      const policy = policyFor(req);
      if (!claimRequest(req, policy, layer)) return next();
      answer = evaluateCorsFrom(policy, new NodeRequestRef(req), req.method ?? 'GET', req.headers, readNodeHeader);
    } catch (error) {
      return next(error);
    }
    const finish = (settled: Awaited<typeof answer>) => {
      if (settled instanceof Response) return sendResponse(res, settled);
      ownResponse(res, settled);
      next();
    };
    // Only an async predicate's answer is a Promise (and it never rejects).
    if (answer instanceof Promise) answer.then(finish, next);
    else finish(answer);
  };
}

/** A `node:http` / `node:https` request listener. */
export type NodeListener<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = (req: Req, res: Res) => unknown;

/**
 * Wraps a `node:http` or `node:https` request listener with CORS:
 * `createServer(withCors(options, (req, res) => { … }))`. The same answers as `cors()`: a
 * preflight never reaches `listener`; every other response gets the CORS answer and keeps
 * no `Access-Control-*` header of its own. A listener that throws or rejects is answered
 * with the policy's `onError` response, or `500 Internal Server Error` with the error logged
 * (`console.error`, stack included), carrying the CORS answer — unless it had already
 * started its response, which is then ended.
 */
export function withCors<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
  const S extends NodeCorsSource<Req> = NodeCorsSource<Req>,
>(source: CheckedPolicySource<S, Req>, listener: NodeListener<Req, Res>): (req: Req, res: Res) => void;
export function withCors<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  source: NodeCorsSource<Req> | object,
  listener: NodeListener<Req, Res>,
): (req: Req, res: Res) => void {
  const policyFor = policyResolver(source as NodeCorsSource<Req>);
  const middleware = cors<Req>(((req: Req) => policyFor(req)) as (req: Req) => CorsPolicy);
  return (req, res) => {
    const fail = (error: unknown) => void answerError(res, error, req, () => policyFor(req));
    middleware(req, res, (error?: unknown) => {
      if (error !== undefined) return fail(error);
      try {
        const result = listener(req, res);
        if (result instanceof Promise) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    });
  };
}

// The listener failed: onError's response or a logged 500, written through the same
// ServerResponse (so the CORS answer is applied to it), or the connection ended when the
// response had already started.
async function answerError(res: ServerResponse, error: unknown, req: IncomingMessage, policyOf: () => CorsPolicy): Promise<void> {
  if (res.headersSent) {
    console.error(error);
    res.destroy();
    return;
  }
  let policy: CorsPolicy | undefined;
  try {
    policy = policyOf();
  } catch {
    // the source itself failed: a plain logged 500
  }
  let response: Response;
  if (policy !== undefined) response = await errorResponse(policy, error, new NodeRequestRef(req).request());
  else {
    console.error(error);
    response = new Response('Internal Server Error', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  // The error response replaces the app's headers; the CORS ones and Vary are the answer's (writeHead reapplies it).
  for (const name of res.getHeaderNames()) if (!isCorsHeaderName(name) && name !== 'vary') res.removeHeader(name);
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(await response.text());
}
