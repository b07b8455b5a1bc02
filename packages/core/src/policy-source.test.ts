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

  it('runs the function once per key object when the adapter names one (a Worker’s env)', () => {
    let calls = 0;
    const resolve = policyResolver(
      (env: { ORIGINS: string }) => (calls++, { origins: [env.ORIGINS] }),
      (env) => env,
    );
    const env = { ORIGINS: APP };
    resolve(env);
    resolve(env);
    expect(calls).toBe(1);
    resolve({ ORIGINS: APP });
    expect(calls).toBe(2);
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
