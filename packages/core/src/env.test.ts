import { describe, expect, it } from 'vitest';
import { corsOptionsFromEnv } from './env.js';
import { CorsConfigError } from './errors.js';
import { createCorsPolicy } from './policy.js';

function issuesOf(env: Record<string, unknown>) {
  try {
    corsOptionsFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError);
    return (error as CorsConfigError).issues;
  }
  throw new Error('expected corsOptionsFromEnv to throw');
}

describe('corsOptionsFromEnv', () => {
  it('reads every CORS_* variable', () => {
    const options = corsOptionsFromEnv({
      CORS_ORIGINS: 'https://a.example, https://*.b.example,',
      CORS_CREDENTIALS: 'TRUE',
      CORS_METHODS: 'GET,PUT',
      CORS_ALLOW_HEADERS: 'Content-Type, Authorization',
      CORS_EXPOSE_HEADERS: 'X-Request-Id',
      CORS_MAX_AGE: '600',
      UNRELATED: 'ignored',
    });
    expect(options).toEqual({
      origins: ['https://a.example', 'https://*.b.example'],
      credentials: true,
      methods: ['GET', 'PUT'],
      allowHeaders: ['Content-Type', 'Authorization'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
    expect(createCorsPolicy(options).options.credentials).toBe(true);
  });

  it("reads '*' as the wildcard and leaves unset or empty variables to the defaults", () => {
    expect(corsOptionsFromEnv({ CORS_ORIGINS: ' * ', CORS_METHODS: '*', CORS_MAX_AGE: '' })).toEqual({ origins: '*', methods: '*' });
  });

  it('takes options that environment strings cannot express from a base', () => {
    const onRefusal = () => {};
    const options = corsOptionsFromEnv({ CORS_ORIGINS: 'https://a.example' }, { onRefusal, debug: true, methods: ['GET'] });
    expect(options).toEqual({ origins: ['https://a.example'], onRefusal, debug: true, methods: ['GET'] });
    expect(corsOptionsFromEnv({ CORS_METHODS: 'PUT' }, { origins: ['https://b.example'] })).toEqual({ origins: ['https://b.example'], methods: ['PUT'] });
  });

  it('names the variable in every error', () => {
    const issues = issuesOf({
      CORS_ORIGINS: 'https://a.example/,null',
      CORS_CREDENTIALS: 'yes',
      CORS_METHODS: 'GET,TRACE',
      CORS_ALLOW_HEADERS: 'Cookie',
      CORS_EXPOSE_HEADERS: 'Set-Cookie',
      CORS_MAX_AGE: 'ten minutes',
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'CORS_CREDENTIALS',
      'CORS_ORIGINS[0]',
      'CORS_ORIGINS[1]',
      'CORS_EXPOSE_HEADERS[0]',
      'CORS_METHODS[1]',
      'CORS_ALLOW_HEADERS[0]',
      'CORS_MAX_AGE',
    ]);
    expect(issues[0]?.message).toBe("expected 'true' or 'false', got 'yes'.");
  });

  it('refuses a missing CORS_ORIGINS with an example of what to set', () => {
    const issues = issuesOf({});
    expect(issues).toEqual([expect.objectContaining({ path: 'CORS_ORIGINS', code: 'env-required' })]);
    expect(issues[0]?.message).toContain('CORS_ORIGINS=https://app.example.com');
  });

  it("refuses CORS_ORIGINS='*' with CORS_CREDENTIALS=true, naming CORS_ORIGINS", () => {
    expect(issuesOf({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' })).toEqual([
      expect.objectContaining({ path: 'CORS_ORIGINS', code: 'wildcard-origin-with-credentials' }),
    ]);
  });

  it('refuses a binding that is not a string (a Workers KV namespace, say)', () => {
    expect(issuesOf({ CORS_ORIGINS: { get() {} } })).toEqual([expect.objectContaining({ path: 'CORS_ORIGINS', code: 'env-not-string' })]);
  });
});

describe('corsOptionsFromEnv: own properties, any object type, one result per unchanged environment', () => {
  it('ignores variables inherited through the prototype (a polluted Object.prototype included)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.CORS_CREDENTIALS = 'true';
    try {
      expect(corsOptionsFromEnv({ CORS_ORIGINS: 'https://a.example' }).credentials).toBeUndefined();
    } finally {
      delete proto.CORS_CREDENTIALS;
    }
  });

  it('accepts an interface-typed env (no index signature)', () => {
    interface Env {
      CORS_ORIGINS: string;
      DB: { query(): void };
    }
    const env: Env = { CORS_ORIGINS: 'https://a.example', DB: { query() {} } };
    expect(corsOptionsFromEnv(env).origins).toEqual(['https://a.example']);
  });

  it('returns the same frozen options while the variables stay the same, and new ones when they change', () => {
    const env: Record<string, string> = { CORS_ORIGINS: 'https://a.example' };
    const first = corsOptionsFromEnv(env);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.origins)).toBe(true);
    expect(corsOptionsFromEnv(env)).toBe(first);
    env.CORS_ORIGINS = 'https://b.example';
    expect(corsOptionsFromEnv(env).origins).toEqual(['https://b.example']);
  });

  it('never freezes the caller’s base', () => {
    const base = { methods: ['PUT'] };
    corsOptionsFromEnv({ CORS_ORIGINS: 'https://a.example' }, base);
    expect(Object.isFrozen(base.methods)).toBe(false);
  });
});
