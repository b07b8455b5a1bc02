import { describe, expect, it } from 'vitest';
import { corsOptionsFromEnv } from './env.js';
import { CorsConfigError } from './errors.js';
import type { CorsOptions } from './options.js';
import { createCorsPolicy, isCorsPolicy, optionsOf } from './policy.js';
import { policyResolver } from './policy-source.js';

const APP = 'https://app.example';

describe('policyResolver: one resolver for options, policies and functions of the context', () => {
  it('compiles options once, at once (a bad option throws now, not on a request)', () => {
    const resolve = policyResolver({ origins: [APP] });
    expect(resolve(undefined)).toBe(resolve(undefined));
    expect(() => policyResolver({ origins: [`${APP}/`] })).toThrow(CorsConfigError);
  });

  it('uses a policy as it is', () => {
    const policy = createCorsPolicy({ origins: [APP] });
    expect(policyResolver(policy)(undefined)).toBe(policy);
  });

  it('calls a function per request and compiles each distinct answer once: by identity', () => {
    const api = { origins: [APP], credentials: true } as const;
    const site = { origins: '*' } as const;
    let calls = 0;
    const resolve = policyResolver((path: string) => (calls++, path.startsWith('/api') ? api : site));
    const first = resolve('/api/a');
    expect(resolve('/api/b')).toBe(first);
    expect(resolve('/')).not.toBe(first);
    expect(resolve('/')).toBe(resolve('/x'));
    expect(calls).toBe(5);
    expect(optionsOf(first).credentials).toBe(true);
  });

  it('compiles fresh option objects of equal content once (no user-written cache needed)', () => {
    const predicate = (origin: string) => origin === APP;
    const resolve = policyResolver((env: { ORIGINS: string }) => ({ origins: env.ORIGINS.split(','), credentials: true as const, debug: false }));
    const a = resolve({ ORIGINS: `${APP},https://b.example` });
    expect(resolve({ ORIGINS: `${APP},https://b.example` })).toBe(a);
    expect(resolve({ ORIGINS: APP })).not.toBe(a);
    const byPredicate = policyResolver(() => ({ origins: predicate }));
    expect(byPredicate(undefined)).toBe(byPredicate(undefined));
  });

  it('answers with what a shared object holds now: mutated per request, it is compiled per content (tenant A never gets B’s policy)', () => {
    const shared: { origins: string[]; credentials: boolean } = { origins: [], credentials: true };
    const resolve = policyResolver((tenant: string) => {
      shared.origins = [`https://${tenant}.example`];
      return shared;
    });
    const a = resolve('a');
    const b = resolve('b');
    expect(optionsOf(a).origins).toEqual(['https://a.example']);
    expect(optionsOf(b).origins).toEqual(['https://b.example']);
    expect(resolve('a')).toBe(a);
    // In place, element by element, and by adding or removing a key.
    const list = { origins: [APP] as string[], debug: false as boolean };
    const sameList = policyResolver(() => list);
    const first = sameList(undefined);
    list.origins[0] = 'https://other.example';
    expect(optionsOf(sameList(undefined)).origins).toEqual(['https://other.example']);
    list.debug = true;
    expect(optionsOf(sameList(undefined)).debug).toBe(true);
    delete (list as { debug?: boolean }).debug;
    list.origins[0] = APP;
    expect(sameList(undefined)).not.toBe(first);
    expect(optionsOf(sameList(undefined)).debug).toBe(false);
  });

  it('runs a function of a Worker-style env per request: an env changed in place is seen on the next request', () => {
    let calls = 0;
    const resolve = policyResolver((env: { ORIGINS: string }) => (calls++, corsOptionsFromEnv({ CORS_ORIGINS: env.ORIGINS })));
    const env = { ORIGINS: `${APP},https://b.example` };
    const first = resolve(env);
    expect(resolve(env)).toBe(first);
    env.ORIGINS = APP;
    expect(optionsOf(resolve(env)).origins).toEqual([APP]);
    expect(calls).toBe(3);
  });

  it('cors((c) => corsOptionsFromEnv(c.env)) parses and validates once per env, then only looks up', () => {
    const env = { CORS_ORIGINS: APP, CORS_CREDENTIALS: 'true' };
    const resolve = policyResolver((c: { env: typeof env }) => corsOptionsFromEnv(c.env));
    const first = resolve({ env });
    expect(isCorsPolicy(first)).toBe(true);
    expect(resolve({ env })).toBe(first);
    expect(corsOptionsFromEnv(env)).toBe(corsOptionsFromEnv(env));
  });

  it('fails loudly when the function returns nothing usable, or options that do not validate', () => {
    expect(() => policyResolver(() => undefined as unknown as CorsOptions)(undefined)).toThrow(/the policy function returned undefined/);
    expect(() => policyResolver(() => ({ origins: '*', credentials: true }) as unknown as CorsOptions)(undefined)).toThrow(CorsConfigError);
  });
});
