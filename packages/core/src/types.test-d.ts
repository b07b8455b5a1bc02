// Type-level tests, compiled by `npm run typecheck` (tsc): the combinations browsers refuse
// are type errors whose text names the fix, shared bases spread, a policy offers nothing
// to complete, and evaluateCors's return type says when a Promise comes back.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CheckedCorsOptions,
  type CorsAnswer,
  type CorsOptions,
  type CorsPolicy,
  corsOptionsFromEnv,
  createCorsPolicy,
  evaluateCors,
  type WildcardExposeWithCredentials,
  type WildcardOriginWithCredentials,
} from './index.js';

declare const request: Request;

describe('options types', () => {
  it("makes origins: '*' with credentials: true a type error whose text is the fix", () => {
    // @ts-expect-error browsers refuse credentials with Access-Control-Allow-Origin: *
    createCorsPolicy({ origins: '*', credentials: true });
    // What TypeScript reports: "Type 'true' is not assignable to type '✗ origins: '*' cannot be combined …'".
    expectTypeOf<CheckedCorsOptions<{ origins: '*'; credentials: true }>['credentials']>().toEqualTypeOf<WildcardOriginWithCredentials>();
    expectTypeOf<WildcardOriginWithCredentials>().toEqualTypeOf<"✗ origins: '*' cannot be combined with credentials: true (browsers refuse it). List the origins instead, e.g. origins: ['https://app.example.com']">();
  });

  it("makes exposeHeaders: '*' with credentials a type error whose text is the fix", () => {
    // @ts-expect-error '*' is literal with credentials
    createCorsPolicy({ origins: ['https://a.example'], credentials: true, exposeHeaders: '*' });
    expectTypeOf<
      CheckedCorsOptions<{ origins: string[]; credentials: true; exposeHeaders: '*' }>['exposeHeaders']
    >().toEqualTypeOf<WildcardExposeWithCredentials>();
  });

  it('lets a shared base typed CorsOptions be spread and extended (checked at start-up instead)', () => {
    const base: CorsOptions = { origins: ['https://app.example.com'], allowHeaders: ['content-type'] };
    createCorsPolicy({ ...base, credentials: true });
    createCorsPolicy({ ...base, exposeHeaders: ['x-request-id'], maxAge: 600 });
    const shared = { methods: ['GET', 'PUT'] } satisfies Partial<CorsOptions>;
    createCorsPolicy({ ...shared, origins: ['https://app.example.com'], credentials: true });
  });

  it('gives a policy no members to complete: inside cors({ … }) an editor offers only options', () => {
    const policy = createCorsPolicy({ origins: ['https://a.example'] });
    expectTypeOf<keyof CorsPolicy & string>().toEqualTypeOf<never>();
    // @ts-expect-error the normalised options are internal
    void policy.options;
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
