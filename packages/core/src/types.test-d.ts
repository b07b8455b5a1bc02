// Type-level tests (vitest typecheck): the combinations browsers refuse are type errors,
// and evaluateCors's return type says when a Promise comes back.
import { describe, expectTypeOf, it } from 'vitest';
import { type CorsAnswer, type CorsOptions, corsOptionsFromEnv, createCorsPolicy, evaluateCors } from './index.js';

declare const request: Request;

describe('options types', () => {
  it("makes origins: '*' with credentials: true a type error", () => {
    // @ts-expect-error browsers refuse credentials with Access-Control-Allow-Origin: *
    createCorsPolicy({ origins: '*', credentials: true });
    // @ts-expect-error the same for a variable typed as options
    const options: CorsOptions = { origins: '*', credentials: true };
    void options;
  });

  it("makes exposeHeaders: '*' with credentials a type error", () => {
    // @ts-expect-error '*' is literal with credentials
    createCorsPolicy({ origins: ['https://a.example'], credentials: true, exposeHeaders: '*' });
  });

  it('makes the retired privateNetwork a type error, whatever the origins', () => {
    // @ts-expect-error retired: Local Network Access replaced Private Network Access
    createCorsPolicy({ origins: '*', privateNetwork: true });
    // @ts-expect-error retired: Local Network Access replaced Private Network Access
    createCorsPolicy({ origins: ['https://a.example'], privateNetwork: true });
  });

  it('requires origins and refuses unknown options', () => {
    // @ts-expect-error origins is required
    createCorsPolicy({ credentials: true });
    // @ts-expect-error hono/cors's name is not ours
    createCorsPolicy({ origin: 'https://a.example' });
    // @ts-expect-error preflightStatus is 200 or 204
    createCorsPolicy({ origins: ['https://a.example'], preflightStatus: 201 });
  });

  it('accepts a boolean credentials value computed at run time', () => {
    const credentials = Math.random() > 0.5;
    createCorsPolicy({ origins: ['https://a.example'], credentials, exposeHeaders: ['X-Id'] });
    createCorsPolicy(corsOptionsFromEnv({ CORS_ORIGINS: 'https://a.example' }));
  });
});

describe('evaluateCors return type', () => {
  it('is synchronous for lists, * and boolean predicates', () => {
    expectTypeOf(evaluateCors(createCorsPolicy({ origins: ['https://a.example'] }), request)).toEqualTypeOf<CorsAnswer>();
    expectTypeOf(evaluateCors(createCorsPolicy({ origins: '*' }), request)).toEqualTypeOf<CorsAnswer>();
    expectTypeOf(evaluateCors(createCorsPolicy({ origins: (o) => o === 'x' }), request)).toEqualTypeOf<CorsAnswer>();
  });

  it('may be a Promise for an async predicate', () => {
    const policy = createCorsPolicy({ origins: async (o) => o === 'x' });
    expectTypeOf(evaluateCors(policy, request)).toEqualTypeOf<CorsAnswer | Promise<CorsAnswer>>();
  });

  it('may be a Promise when the options type does not say (built at run time)', () => {
    const policy = createCorsPolicy(corsOptionsFromEnv({}, { origins: async () => true }));
    expectTypeOf(evaluateCors(policy, request)).toEqualTypeOf<CorsAnswer | Promise<CorsAnswer>>();
  });
});
