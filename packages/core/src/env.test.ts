import { describe, expect, it } from 'vitest';
import { corsOptionsFromEnv } from './env.js';
import { CorsConfigError } from './errors.js';
import { createCorsPolicy, optionsOf } from './policy.js';

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
      CORS_ORIGINS: 'https://a.example,https://*.b.example',
      CORS_CREDENTIALS: 'TRUE',
      CORS_METHODS: 'GET,PUT',
      CORS_ALLOW_HEADERS: 'Content-Type,Authorization',
      CORS_EXPOSE_HEADERS: 'X-Request-Id',
      CORS_MAX_AGE: '600',
      CORS_DEBUG: 'true',
      UNRELATED: 'ignored',
    });
    expect(options).toEqual({
      origins: ['https://a.example', 'https://*.b.example'],
      credentials: true,
      methods: ['GET', 'PUT'],
      allowHeaders: ['Content-Type', 'Authorization'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: 600,
      debug: true,
    });
    expect(optionsOf(createCorsPolicy(options)).credentials).toBe(true);
  });

  it("reads '*' as the wildcard and leaves unset or empty variables to the defaults", () => {
    expect(corsOptionsFromEnv({ CORS_ORIGINS: '*', CORS_METHODS: '*', CORS_MAX_AGE: '' })).toEqual({ origins: '*', methods: '*' });
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

describe('corsOptionsFromEnv: lists read exactly as options are, and every fix is a value to set', () => {
  const fixOf = (env: Record<string, unknown>) => issuesOf(env).map((issue) => [issue.path, issue.code, issue.fix]);

  it('refuses whitespace and empty elements by name, with the value to set', () => {
    expect(fixOf({ CORS_ORIGINS: 'https://a.example, https://*.b.example,' })).toEqual([
      ['CORS_ORIGINS[1]', 'whitespace', { path: 'CORS_ORIGINS', value: 'https://a.example,https://*.b.example' }],
      ['CORS_ORIGINS[2]', 'empty-element', { path: 'CORS_ORIGINS', value: 'https://a.example,https://*.b.example' }],
    ]);
    const [issue] = issuesOf({ CORS_ORIGINS: 'https://a.example\n' });
    expect(issue?.message).toBe("'https://a.example\\n' has a line feed at the end; write 'https://a.example'. (set CORS_ORIGINS=https://a.example)");
  });

  it('splits origins separated by spaces into the comma list they were meant to be', () => {
    expect(fixOf({ CORS_ORIGINS: 'https://a.example https://b.example' })).toEqual([
      ['CORS_ORIGINS[0]', 'whitespace', { path: 'CORS_ORIGINS', value: 'https://a.example,https://b.example' }],
    ]);
  });

  it('refuses an empty list (CORS_METHODS=,) instead of reading it as no methods', () => {
    expect(issuesOf({ CORS_ORIGINS: 'https://a.example', CORS_METHODS: ',' }).map((issue) => [issue.path, issue.code])).toEqual([
      ['CORS_METHODS[0]', 'empty-element'],
      ['CORS_METHODS[1]', 'empty-element'],
    ]);
  });

  it('refuses whitespace around single values too, with the trimmed value to set', () => {
    expect(fixOf({ CORS_ORIGINS: ' * ', CORS_CREDENTIALS: 'true\n', CORS_MAX_AGE: '600 ' })).toEqual([
      ['CORS_ORIGINS', 'whitespace', { path: 'CORS_ORIGINS', value: '*' }],
      ['CORS_CREDENTIALS', 'whitespace', { path: 'CORS_CREDENTIALS', value: 'true' }],
      ['CORS_MAX_AGE', 'whitespace', { path: 'CORS_MAX_AGE', value: '600' }],
    ]);
  });

  it('normalises every problem of an origin at once: one round to a valid value', () => {
    expect(fixOf({ CORS_ORIGINS: 'https://App.Example.com:443/path' })).toEqual([
      ['CORS_ORIGINS[0]', 'origin-has-path', { path: 'CORS_ORIGINS', value: 'https://app.example.com' }],
    ]);
  });

  it('names the variable meant by a near miss (a typo, another library’s name, a wrong case)', () => {
    for (const [name, meant] of [
      ['CORS_ORIGIN', 'CORS_ORIGINS'],
      ['CORS_ALLOWED_ORIGINS', 'CORS_ORIGINS'],
      ['cors_origins', 'CORS_ORIGINS'],
    ] as const) {
      const issues = issuesOf({ [name]: 'https://a.example' });
      expect(issues[0]).toEqual({
        path: name,
        code: 'env-near-miss',
        message: `Corsa reads no ${name}; did you mean ${meant}? Rename it: ${meant}=https://a.example.`,
        fix: { path: meant, value: 'https://a.example' },
      });
      expect(issues[1]?.message).toBe(`not set, but ${name} is: the variable Corsa reads is CORS_ORIGINS.`);
    }
    expect(issuesOf({ CORS_ORIGINS: 'https://a.example', CORS_CREDENTIAL: 'true' })).toEqual([
      expect.objectContaining({ path: 'CORS_CREDENTIAL', code: 'env-near-miss', fix: { path: 'CORS_CREDENTIALS', value: 'true' } }),
    ]);
    expect(() => corsOptionsFromEnv({ CORS_ORIGINS: 'https://a.example', CORS_PROXY_URL: 'x' })).not.toThrow(); // not a near miss
  });

  it('a near miss beside the variable set by defaults in code (the examples): rename it, keeping the typed value — never "remove it"', () => {
    const [issue] = issuesOf({ CORS_ORIGINS: 'http://localhost:*', CORS_ORIGIN: 'https://mine.example' });
    expect(issue).toEqual({
      path: 'CORS_ORIGIN',
      code: 'env-near-miss',
      message:
        "Corsa reads no CORS_ORIGIN; did you mean CORS_ORIGINS? Rename it: CORS_ORIGINS=https://mine.example. (CORS_ORIGINS is set too, to 'http://localhost:*': that value is the one in use.)",
      fix: { path: 'CORS_ORIGINS', value: 'https://mine.example' },
    });
  });

  it.each([
    ["';' as the separator", 'https://a.example;https://b.example', 'several-in-one-element', "separated by ';'", 'https://a.example,https://b.example'],
    ['a quoted value', '"https://a.example"', 'quoted-element', 'wrapped in quotes or brackets', 'https://a.example'],
    ['a JSON array', '["https://a.example","https://b.example"]', 'quoted-element', 'a JSON array?', 'https://a.example,https://b.example'],
  ])('CORS_ORIGINS with %s: named, with the variable to set', (_, value, code, named, fixed) => {
    const [issue] = issuesOf({ CORS_ORIGINS: value });
    expect(issue).toMatchObject({ code, message: expect.stringContaining(named), fix: { path: 'CORS_ORIGINS', value: fixed } });
    expect(issue?.message).toContain(`(set CORS_ORIGINS=${fixed})`);
    expect(() => corsOptionsFromEnv({ CORS_ORIGINS: fixed })).not.toThrow();
  });

  it('advice written in code becomes the variable to set: CORS_ORIGINS=* with CORS_CREDENTIALS=true', () => {
    const [issue] = issuesOf({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' });
    expect(issue?.message).toContain('list the origins that need cookies: CORS_ORIGINS=https://app.example.com.');
    expect(issue?.message).not.toContain("origins: ['");
  });

  it('reads CORS_DEBUG', () => {
    expect(corsOptionsFromEnv({ CORS_ORIGINS: 'https://a.example', CORS_DEBUG: 'true' }).debug).toBe(true);
    expect(issuesOf({ CORS_ORIGINS: 'https://a.example', CORS_DEBUG: 'on' })).toEqual([
      expect.objectContaining({ path: 'CORS_DEBUG', code: 'env-not-boolean' }),
    ]);
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
