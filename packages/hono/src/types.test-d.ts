// Type-level tests for cors(), compiled by `npm run typecheck`: options written in place are
// checked with a message that names the fix; unions of option objects, shared bases and
// policies pass; a function source gets Hono's context.
import { type CorsOptions, corsOptionsFromEnv, createCorsPolicy, type WildcardOriginWithCredentials } from '@corsa/core';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import { cors } from './index.js';

describe('cors() types', () => {
  it("refuses origins: '*' with credentials: true, naming the fix", () => {
    // @ts-expect-error browsers refuse credentials with Access-Control-Allow-Origin: *
    cors({ origins: '*', credentials: true });
    // @ts-expect-error '*' is read literally with credentials
    cors({ origins: ['https://app.example.com'], credentials: true, exposeHeaders: '*' });
    expectTypeOf<WildcardOriginWithCredentials>().toMatchTypeOf<`✗ origins: '*' cannot be combined with credentials: true${string}`>();
  });

  it('accepts a union of option objects, a shared base, and a policy', () => {
    const production = { origins: ['https://app.example.com'], credentials: true } as const;
    const development = { origins: '*' } as const;
    cors(Math.random() > 0.5 ? production : development);
    const base: CorsOptions = { origins: ['https://app.example.com'] };
    cors({ ...base, credentials: true, maxAge: 600 });
    cors(createCorsPolicy({ origins: ['https://app.example.com'] }));
  });

  it("gives a function source Hono's context", () => {
    const app = new Hono<{ Bindings: { CORS_ORIGINS: string } }>();
    app.use(
      '*',
      cors((c) => {
        expectTypeOf(c.req.url).toEqualTypeOf<string>();
        return corsOptionsFromEnv(c.env);
      }),
    );
  });
});
