import {
  type CorsHeaderList,
  type CorsOptions,
  type CorsPolicy,
  claimRequest,
  evaluateCorsFrom,
  isCorsHeaderName,
  isCorsPolicy,
  mergeVary,
  newLayer,
  policyResolver,
} from '@corsa/core';
import { dropForeignCorsHeaders, NodeRequestRef, readNodeHeader } from '@corsa/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/**
 * What `fastify.register(corsa, …)` takes: options, a compiled policy, or
 * `{ policyFor: (request) => options | policy }` for a policy per request (Fastify itself
 * calls a bare function given as plugin options with the instance, at registration).
 */
export type CorsaFastifyOptions = CorsOptions | CorsPolicy | { policyFor: (request: FastifyRequest) => CorsOptions | CorsPolicy };

// Keys Fastify may add to any plugin's options; they are not Corsa's.
const FASTIFY_KEYS = new Set(['prefix', 'logLevel', 'logSerializers']);

function sourceOf(options: CorsaFastifyOptions): CorsOptions | CorsPolicy | ((request: FastifyRequest) => CorsOptions | CorsPolicy) {
  if (isCorsPolicy(options)) return options;
  if (typeof options === 'object' && options !== null && 'policyFor' in options && typeof options.policyFor === 'function') return options.policyFor;
  const own: Record<string, unknown> = {};
  for (const key of Object.keys(options)) if (!FASTIFY_KEYS.has(key)) own[key] = (options as Record<string, unknown>)[key];
  return own as unknown as CorsOptions;
}

/**
 * Corsa as a Fastify 5 plugin: `fastify.register(corsa, { origins: ['https://app.example.com'], credentials: true })`.
 * It applies to the whole app (not encapsulated), whatever the register order.
 *
 * - A CORS preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) is answered in
 *   `onRequest`, whether or not an `OPTIONS` route exists, before any `preHandler`,
 *   authentication or route: allowed → `preflightStatus` (204) with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused → 403, empty body, no `Access-Control-*` header.
 * - Every other reply — a route's, the error handler's, a 404 — gets, in `onSend`,
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Expose-Headers` for an allowed origin
 *   and `Vary: Origin` (merged). Its CORS headers are exactly Corsa's answer: any other
 *   `Access-Control-*` header (`reply.header()`, a proxied upstream's, one set on
 *   `reply.raw`) is removed.
 *
 * Options are validated at registration (a bad one throws a `CorsConfigError` listing every
 * problem). Errors (a `policyFor` that throws, two Corsa layers with different policies)
 * go to Fastify's error handler.
 */
export function corsa(fastify: FastifyInstance, options: CorsaFastifyOptions, done: (error?: Error) => void): void {
  let policyFor: (request: FastifyRequest) => CorsPolicy;
  try {
    policyFor = policyResolver(sourceOf(options));
  } catch (error) {
    done(error as Error);
    return;
  }
  const layer = newLayer();
  const answers = new WeakMap<FastifyRequest, CorsHeaderList>();

  fastify.addHook('onRequest', (request, reply, next) => {
    let answer: ReturnType<typeof evaluateCorsFrom>;
    try {
      const policy = policyFor(request);
      if (!claimRequest(request.raw, policy, layer)) return next();
      answer = evaluateCorsFrom(policy, new NodeRequestRef(request.raw), request.raw.method ?? 'GET', request.raw.headers, readNodeHeader);
    } catch (error) {
      return next(error as Error);
    }
    const finish = (settled: Awaited<typeof answer>) => {
      if (settled instanceof Response) {
        sendPreflight(reply, settled);
        return;
      }
      answers.set(request, settled);
      next();
    };
    // Only an async predicate's answer is a Promise (and it never rejects).
    if (answer instanceof Promise) answer.then(finish, next);
    else finish(answer);
  });

  fastify.addHook('onSend', (request, reply, payload, next) => {
    const answer = answers.get(request);
    if (answer !== undefined) applyAnswer(reply, answer);
    next(null, payload);
  });
  done();
}

// Not encapsulated (what fastify-plugin does): the hooks apply to every route of the app.
Object.assign(corsa, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@corsa/fastify',
  [Symbol.for('plugin-meta')]: { name: '@corsa/fastify', fastify: '5.x' },
});

export default corsa;

function removeForeign(reply: FastifyReply): void {
  for (const name of Object.keys(reply.getHeaders())) if (isCorsHeaderName(name.toLowerCase())) reply.removeHeader(name);
  dropForeignCorsHeaders(reply.raw);
}

function applyAnswer(reply: FastifyReply, answer: CorsHeaderList): void {
  removeForeign(reply);
  for (let i = 0; i < answer.length; i++) {
    const pair = answer[i] as readonly [string, string];
    if (pair[0] === 'vary') {
      const current = reply.getHeader('vary') ?? reply.raw.getHeader('vary');
      reply.header('vary', mergeVary(current === undefined ? null : Array.isArray(current) ? current.join(', ') : String(current), pair[1]));
    } else reply.header(pair[0], pair[1]);
  }
}

function sendPreflight(reply: FastifyReply, response: Response): void {
  removeForeign(reply);
  reply.code(response.status);
  response.headers.forEach((value, name) => {
    reply.header(name, value);
  });
  reply.send();
}
