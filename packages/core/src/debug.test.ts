import { accessControlNames, actualRequest, preflightRequest } from '@corsa/testkit';
import { describe, expect, it } from 'vitest';
import { evaluateCors } from './evaluate.js';
import type { CorsRefusal } from './options.js';
import { createCorsPolicy } from './policy.js';

const APP = 'https://app.example';

function debugPolicy(extra: Record<string, unknown> = {}) {
  const refusals: CorsRefusal[] = [];
  const policy = createCorsPolicy({
    origins: [APP, 'https://*.corp.example'],
    methods: ['PUT', 'PATCH'],
    allowHeaders: ['Content-Type', 'X-Trace'],
    debug: true,
    onRefusal: (refusal: CorsRefusal) => void refusals.push(refusal),
    ...extra,
  } as never);
  return { policy, refusals };
}

function reasonOf(answer: Response | Headers): string | null {
  return (answer instanceof Response ? answer.headers : answer).get('corsa-refusal');
}

describe('debug mode: each refusal names the check that failed and what the policy allows', () => {
  it.each([
    [
      'origin',
      preflightRequest('https://evil.example', 'PUT'),
      "origin 'https://evil.example' is not allowed; allowed origins: https://app.example, https://*.corp.example",
    ],
    ['method', preflightRequest(APP, 'DELETE'), "method 'DELETE' is not allowed; allowed methods: GET, HEAD, POST, PUT, PATCH"],
    [
      'header',
      preflightRequest(APP, 'PUT', { headers: 'content-type,x-secret' }),
      "request header 'x-secret' is not allowed; allowed headers: content-type, x-trace",
    ],
  ] as const)('explains a refused %s in Corsa-Refusal and to onRefusal', (check, request, reason) => {
    const { policy, refusals } = debugPolicy();
    const response = evaluateCors(policy, request) as Response;
    expect(response.status).toBe(403);
    expect(reasonOf(response)).toContain(reason);
    expect(accessControlNames(response)).toEqual([]);
    expect(refusals).toEqual([expect.objectContaining({ check, preflight: true, request, origin: request.headers.get('origin') })]);
    expect(refusals[0]?.reason).toBe(reasonOf(response));
  });

  it('explains a refused origin on an actual request too', () => {
    const { policy, refusals } = debugPolicy();
    const headers = evaluateCors(policy, actualRequest('http://app.example')) as Headers;
    expect(reasonOf(headers)).toBe(
      "origin 'http://app.example' is not allowed; allowed origins: https://app.example, https://*.corp.example (note: 'https://app.example' is allowed; the scheme differs)",
    );
    expect(refusals).toEqual([expect.objectContaining({ check: 'origin', preflight: false })]);
  });

  it.each([
    ['null', "Origin 'null' (a sandboxed iframe, a file: page or a redirect) is never allowed"],
    [`${APP}, ${APP}`, 'is not a serialised origin (scheme://host[:port]) (several Origin values?)'],
    [`https://${'a'.repeat(400)}`, 'longer than 326 bytes'],
    ['https://www.app.example', "(note: 'https://app.example' is allowed; 'www.' differs)"],
  ])('says what is wrong with Origin %j', (origin, reason) => {
    const { policy } = debugPolicy();
    expect(reasonOf(evaluateCors(policy, actualRequest(origin)))).toContain(reason);
  });

  it('hints at case when fetch() sent a lower-case custom method', () => {
    const { policy } = debugPolicy();
    expect(reasonOf(evaluateCors(policy, preflightRequest(APP, 'patch')))).toContain("fetch() sends 'patch' as written: use 'PATCH'");
  });

  it('says when Access-Control-Request-Headers is longer than the policy allows', () => {
    const { policy } = debugPolicy();
    expect(reasonOf(evaluateCors(policy, preflightRequest(APP, 'PUT', { headers: ','.repeat(1 << 20) })))).toContain(
      'Access-Control-Request-Headers is longer than the 78 bytes this policy could allow',
    );
  });

  it('names the predicate when a predicate refused', () => {
    const policy = createCorsPolicy({ origins: () => false, debug: true });
    expect(reasonOf(evaluateCors(policy, actualRequest(APP)) as Headers)).toBe(`origin '${APP}' was refused by the origins predicate`);
  });

  it('keeps request data in the reason a valid header value', () => {
    const { policy } = debugPolicy();
    const answer = evaluateCors(policy, preflightRequest(APP, 'PUT', { headers: 'x-\u00e9\u00ff' })) as Response;
    expect(reasonOf(answer)).toMatch(/^[\x20-\x7e]+$/);
  });

  it('does not report a same-origin request that carries Origin', () => {
    const { policy, refusals } = debugPolicy();
    const sameOrigin = new Request('https://api.example/items', { method: 'POST', headers: { origin: 'https://api.example' } });
    expect(reasonOf(evaluateCors(policy, sameOrigin))).toBeNull();
    expect(refusals).toEqual([]);
  });

  it('stays silent about allowed requests', () => {
    const { policy, refusals } = debugPolicy();
    expect(reasonOf(evaluateCors(policy, preflightRequest(APP, 'PUT', { headers: 'x-trace' })))).toBeNull();
    expect(reasonOf(evaluateCors(policy, actualRequest(APP)))).toBeNull();
    expect(refusals).toEqual([]);
  });
});

describe('debug off (the default)', () => {
  it('sends no reason, because reasons disclose the policy, but still tells onRefusal', () => {
    const refusals: CorsRefusal[] = [];
    const policy = createCorsPolicy({ origins: [APP], onRefusal: (r) => void refusals.push(r) });
    expect(reasonOf(evaluateCors(policy, preflightRequest('https://evil.example', 'PUT')))).toBeNull();
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.reason).toContain("origin 'https://evil.example' is not allowed");
  });
});

describe('onRefusal is a logging hook: it never changes the answer or takes the server down', () => {
  it('a hook that throws: the refusal is answered as always, the error is logged', () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const policy = createCorsPolicy({
        origins: [APP],
        methods: ['PUT'],
        debug: true,
        onRefusal: () => {
          throw new Error('metrics down');
        },
      });
      const preflight = evaluateCors(policy, preflightRequest('https://evil.example', 'PUT')) as Response;
      expect(preflight.status).toBe(403);
      expect(reasonOf(preflight)).toContain("origin 'https://evil.example' is not allowed");
      const actual = evaluateCors(policy, actualRequest('https://evil.example')) as Headers;
      expect(actual.get('vary')).toBe('Origin');
      expect(accessControlNames(actual)).toEqual([]);
      expect(logged).toHaveLength(2);
      expect(String(logged[0]?.[0])).toContain('onRefusal failed');
      expect((logged[0] as unknown[])[1] as Error).toHaveProperty('message', 'metrics down');
    } finally {
      console.error = original;
    }
  });

  it('a hook whose Promise rejects: the rejection is handled (logged), nothing escapes', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const policy = createCorsPolicy({ origins: [APP], onRefusal: async () => Promise.reject(new Error('log sink down')) });
      const preflight = evaluateCors(policy, preflightRequest('https://evil.example', 'PUT')) as Response;
      expect(preflight.status).toBe(403);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(logged).toHaveLength(1);
      expect((logged[0] as unknown[])[1] as Error).toHaveProperty('message', 'log sink down');
    } finally {
      console.error = original;
    }
  });
});
