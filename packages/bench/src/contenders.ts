// Each contender answers a request the way its library is meant to be used on the Fetch
// API: the handler's response (`new Response('ok')`) plus the library's CORS headers.
import { applyCorsList, corsOptionsFromEnv, createCorsPolicy, evaluateCorsFrom, readRequestHeader } from '@corsa/core';
import { cors as corsaHono } from '@corsa/hono';
import { H3, H3Event, handleCors } from 'h3';
import { Context, Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { cors as ittyCors } from 'itty-router';
import { BIG_EXACT, POLICY, type PolicyName } from './cases.js';
import { bigRegExps, corsaEnv, corsaPolicy, honoCorsOptions, oneRegExp, originFunction, smallOrigins } from './library-options.js';

export type Answer = (request: Request) => Response | Promise<Response>;

/** A contender builds its answer function for a policy, once. */
export interface Contender {
  name: string;
  build(policy: PolicyName): Answer;
}

const handlerResponse = () => new Response('ok', { headers: { 'x-request-id': 'r-1' } });

export const BASELINE: Contender = { name: 'no CORS', build: () => handlerResponse };

// What withCors and every adapter run per request: the decision read from the request's
// headers, the answer applied as header pairs.
export const CORSA: Contender = {
  name: 'Corsa',
  build(which) {
    const policy = createCorsPolicy(corsaPolicy(which));
    return (request) => {
      const answer = evaluateCorsFrom(policy, request, request.method, request, readRequestHeader);
      if (answer instanceof Promise) throw new Error('the benchmark policies have no async predicate');
      return answer instanceof Response ? answer : applyCorsList(handlerResponse(), answer);
    };
  },
};

export const HONO_CORS_MIDDLEWARE: Contender = {
  name: 'hono/cors (bare middleware)',
  build(which) {
    const middleware = honoCors(honoCorsOptions(which));
    return async (request) => {
      const c = new Context(request);
      const preflight = await middleware(c, async () => {
        c.res = handlerResponse();
      });
      return preflight ?? c.res;
    };
  },
};

export const ITTY: Contender = {
  name: 'itty-router cors()',
  build(which) {
    const { preflight, corsify } = ittyCors({
      origin: which === 'small' ? smallOrigins : originFunction(which),
      credentials: true,
      allowMethods: [...POLICY.methods],
      allowHeaders: [...POLICY.allowHeaders],
      exposeHeaders: [...POLICY.exposeHeaders],
      maxAge: POLICY.maxAge,
    });
    return (request) => preflight(request) ?? corsify(handlerResponse(), request);
  },
};

export const H3_CORS: Contender = {
  name: 'h3 handleCors()',
  build(which) {
    const options = {
      origin: which === 'small' ? smallOrigins : which === 'big' ? [...BIG_EXACT, ...bigRegExps] : [oneRegExp],
      credentials: true,
      methods: [...POLICY.methods],
      allowHeaders: [...POLICY.allowHeaders],
      exposeHeaders: [...POLICY.exposeHeaders],
      maxAge: String(POLICY.maxAge),
    };
    return (request) => {
      const event = new H3Event(request);
      const preflight = handleCors(event, options);
      if (preflight !== false) return new Response(null, { status: 204, headers: event.res.headers });
      const response = handlerResponse();
      for (const [name, value] of event.res.headers) response.headers.set(name, value);
      return response;
    };
  },
};

export const CORE_CONTENDERS = [BASELINE, CORSA, HONO_CORS_MIDDLEWARE, ITTY, H3_CORS];

// The same Hono app several times: with @corsa/hono, with hono/cors, without CORS. `env`
// is what a Workers runtime passes as c.env.
function honoApp(middleware?: Parameters<Hono['use']>[1], env?: object): Answer {
  const app = new Hono();
  if (middleware) app.use('*', middleware);
  app.all('*', (c) => c.text('ok', 200, { 'x-request-id': 'r-1' }));
  return (request) => app.fetch(request, env);
}

/** The name of the row whose policy comes from c.env, compared with the static row. */
export const CORSA_HONO_FROM_ENV = 'Hono + @corsa/hono, cors((c) => corsOptionsFromEnv(c.env))';

export const HONO_CONTENDERS: Contender[] = [
  { name: 'Hono, no CORS', build: () => honoApp() },
  // Any middleware takes Hono off its single-handler fast path: this row shows that cost.
  {
    name: 'Hono + a no-op middleware',
    build: () =>
      honoApp(async (_c, next) => {
        await next();
      }),
  },
  { name: 'Hono + @corsa/hono', build: (which) => honoApp(corsaHono(corsaPolicy(which))) },
  {
    name: CORSA_HONO_FROM_ENV,
    build: (which) =>
      honoApp(corsaHono<{ Bindings: ReturnType<typeof corsaEnv> }>((c) => corsOptionsFromEnv(c.env)) as Parameters<Hono['use']>[1], corsaEnv(which)),
  },
  {
    name: 'Hono + hono/cors',
    build: (which) => honoApp(honoCors(honoCorsOptions(which))),
  },
];

/** An h3 app, for the server level. */
export function h3App(): Answer {
  const app = new H3();
  app.all('/**', () => 'ok');
  return (request) => app.fetch(request);
}
