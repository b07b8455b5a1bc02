// The wrapper keeps the handler's own type, whatever workers-types flavour the user has.
import type { ExecutionContext, ExportedHandler, ScheduledController, Request as WorkerRequest } from '@cloudflare/workers-types/experimental';
import { type CorsOptions, corsOptionsFromEnv } from '@corsa/core';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import { withCors } from './index.js';

interface Env {
  CORS_ORIGINS: string;
  API_TOKEN: string;
}

describe('@corsa/workers types', () => {
  it('returns the ExportedHandler it was given, and types the factory with its Env', () => {
    const handler = {
      async fetch(_request: WorkerRequest, env: Env, _ctx: ExecutionContext) {
        return new Response(env.API_TOKEN) as never;
      },
      async scheduled(_controller: ScheduledController, _env: Env, _ctx: ExecutionContext) {},
    } satisfies ExportedHandler<Env>;
    const wrapped = withCors((env) => {
      expectTypeOf(env).toEqualTypeOf<Env>();
      return corsOptionsFromEnv({ CORS_ORIGINS: env.CORS_ORIGINS });
    }, handler);
    expectTypeOf(wrapped).toEqualTypeOf<typeof handler>();
    expectTypeOf(wrapped).toMatchTypeOf<ExportedHandler<Env>>();
  });

  it('wraps a Hono app without a cast: the factory’s env is the app’s Bindings', () => {
    const app = new Hono<{ Bindings: Env }>();
    withCors((env) => {
      expectTypeOf(env).toEqualTypeOf<Env>();
      return corsOptionsFromEnv(env);
    }, app);
    withCors((env: Env) => corsOptionsFromEnv(env), app);
  });

  it('refuses a factory that expects another Env', () => {
    const handler = { fetch: (_request: Request, _env: Env) => new Response('ok') };
    // @ts-expect-error the factory's env must be the handler's Env
    withCors((env: { OTHER: number }) => ({ origins: [String(env.OTHER)] }), handler);
  });
});

describe('@corsa/workers options checks', () => {
  it("refuses origins: '*' with credentials: true written in place, and accepts a shared base", () => {
    const handler = { fetch: () => new Response('ok') };
    // @ts-expect-error browsers refuse credentials with Access-Control-Allow-Origin: *
    withCors({ origins: '*', credentials: true }, handler);
    const base: CorsOptions = { origins: ['https://app.example.com'] };
    withCors({ ...base, credentials: true }, handler);
  });
});
