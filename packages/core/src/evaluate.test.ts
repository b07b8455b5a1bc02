import { accessControlNames, actualRequest, headersOf, preflightRequest } from '@corsa/testkit';
import { describe, expect, it } from 'vitest';
import { evaluateCors } from './evaluate.js';
import { createCorsPolicy, optionsOf } from './policy.js';
import { PROBE_RETRY_MS } from './predicate-probe.js';

const APP = 'https://app.example';
const listed = createCorsPolicy({ origins: [APP, 'https://*.corp.example', 'http://localhost:*'] });
const credentialed = createCorsPolicy({ origins: [APP], credentials: true, exposeHeaders: ['X-Request-Id'] });
const anyOrigin = createCorsPolicy({ origins: '*', exposeHeaders: ['X-Request-Id'] });

function asResponse(answer: Response | Headers): Response {
  expect(answer).toBeInstanceOf(Response);
  return answer as Response;
}

function asHeaders(answer: Response | Headers): Headers {
  expect(answer).toBeInstanceOf(Headers);
  return answer as Headers;
}

describe('rule 1: a preflight is exactly OPTIONS + Origin + Access-Control-Request-Method', () => {
  it('answers OPTIONS with Origin and Access-Control-Request-Method as a preflight', () => {
    expect(asResponse(evaluateCors(listed, preflightRequest(APP, 'PUT'))).status).toBe(204);
  });

  it.each([
    ['OPTIONS without Access-Control-Request-Method', new Request('https://api.example/', { method: 'OPTIONS', headers: { origin: APP } })],
    ['OPTIONS without Origin', new Request('https://api.example/', { method: 'OPTIONS', headers: { 'access-control-request-method': 'PUT' } })],
    ['a bare OPTIONS', new Request('https://api.example/', { method: 'OPTIONS' })],
    ['GET with Access-Control-Request-Method', new Request('https://api.example/', { headers: { origin: APP, 'access-control-request-method': 'PUT' } })],
  ])('treats %s as an ordinary request that reaches the handler', (_, request) => {
    expect(evaluateCors(listed, request)).toBeInstanceOf(Headers);
  });
});

describe('rule 2: a refused preflight is 403 with no Access-Control-* header; a successful one is empty', () => {
  it.each([
    ['origin', preflightRequest('https://evil.example', 'PUT')],
    ['method', preflightRequest(APP, 'PROPFIND')],
    ['header', preflightRequest(APP, 'PUT', { headers: 'x-secret' })],
  ])('refuses a preflight with a bad %s: 403, empty body, no Access-Control-*', async (_, request) => {
    const policy = createCorsPolicy({ origins: [APP], methods: ['PUT'], allowHeaders: ['content-type'], debug: true });
    const response = asResponse(evaluateCors(policy, request));
    expect(response.status).toBe(403);
    expect(response.body).toBeNull();
    expect(await response.text()).toBe('');
    expect(accessControlNames(response)).toEqual([]);
    expect(response.headers.get('corsa-refusal')).toContain(_);
  });

  it('answers an allowed preflight with preflightStatus, an empty body and no Content-Type', async () => {
    for (const preflightStatus of [200, 204] as const) {
      const policy = createCorsPolicy({ origins: [APP], preflightStatus, maxAge: 600 });
      const response = asResponse(evaluateCors(policy, preflightRequest(APP, 'PUT', { headers: 'content-type,x-trace' })));
      expect(response.status).toBe(preflightStatus);
      expect(await response.text()).toBe('');
      expect(response.headers.get('content-type')).toBeNull();
      expect(headersOf(response)).toEqual({
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': '*, authorization',
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
  });
});

describe('rule 3: Access-Control-Allow-Origin is * or byte-identical to Origin, never null, never a list', () => {
  it('reflects an allowed origin byte for byte', () => {
    for (const origin of [APP, 'https://a.b.corp.example', 'http://localhost:5173', 'http://localhost']) {
      expect(asHeaders(evaluateCors(listed, actualRequest(origin))).get('access-control-allow-origin')).toBe(origin);
      expect(asResponse(evaluateCors(listed, preflightRequest(origin, 'PUT'))).headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it.each([
    ['upper case', 'https://APP.example'],
    ['a trailing slash', 'https://app.example/'],
    ['a different port', 'https://app.example:8443'],
    ['the default port written out', 'https://app.example:443'],
    ['a scheme downgrade', 'http://app.example'],
    ['a suffix', 'https://app.example.evil.com'],
    ['a prefix', 'https://evilapp.example'],
    ['the wildcard base itself', 'https://corp.example'],
    ['null', 'null'],
    ['two Origin values', `${APP}, https://evil.example`],
  ])('refuses an origin with %s', (_, origin) => {
    expect(asHeaders(evaluateCors(listed, actualRequest(origin))).get('access-control-allow-origin')).toBeNull();
    expect(asResponse(evaluateCors(listed, preflightRequest(origin, 'PUT'))).status).toBe(403);
  });

  it('never answers null, whatever the policy', () => {
    const predicate = createCorsPolicy({ origins: () => true });
    expect(asHeaders(evaluateCors(predicate, actualRequest('null'))).get('access-control-allow-origin')).toBeNull();
    expect(asHeaders(evaluateCors(anyOrigin, actualRequest('null'))).get('access-control-allow-origin')).toBe('*');
  });

  it('refuses two Origin header lines even when each alone is allowed', () => {
    const request = new Request('https://api.example/', {
      headers: [
        ['origin', APP],
        ['origin', APP],
      ],
    });
    expect(asHeaders(evaluateCors(listed, request)).get('access-control-allow-origin')).toBeNull();
  });
});

describe('rule 4: credentials only next to an allowed, reflected origin', () => {
  it('sends Access-Control-Allow-Credentials: true with the reflected origin on preflight and actual responses', () => {
    const actual = asHeaders(evaluateCors(credentialed, actualRequest(APP)));
    expect(actual.get('access-control-allow-credentials')).toBe('true');
    expect(actual.get('access-control-allow-origin')).toBe(APP);
    const preflight = asResponse(evaluateCors(credentialed, preflightRequest(APP, 'PUT')));
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('never sends it to a refused origin or without an Origin', () => {
    for (const answer of [
      evaluateCors(credentialed, actualRequest('https://evil.example')),
      evaluateCors(credentialed, actualRequest(null)),
      evaluateCors(credentialed, preflightRequest('https://evil.example', 'PUT')),
    ]) {
      expect(headersOf(answer)['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('emits no * in any Allow/Expose header with credentials: it reflects instead', () => {
    const policy = createCorsPolicy({ origins: [APP], credentials: true, methods: '*', allowHeaders: '*' });
    const response = asResponse(evaluateCors(policy, preflightRequest(APP, 'PROPFIND', { headers: 'authorization,x-trace' })));
    expect(headersOf(response)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PROPFIND',
      'access-control-allow-headers': 'authorization,x-trace',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
  });
});

describe('rule 5: * in Access-Control-Allow-Headers does not cover Authorization', () => {
  it('names authorization next to * when any header is allowed', () => {
    const response = asResponse(evaluateCors(listed, preflightRequest(APP, 'GET', { headers: 'authorization' })));
    expect(response.headers.get('access-control-allow-headers')).toBe('*, authorization');
  });

  it('names it in the list when the list allows it, and refuses it when not listed', () => {
    const withAuth = createCorsPolicy({ origins: [APP], allowHeaders: ['Authorization', 'Content-Type'] });
    expect(asResponse(evaluateCors(withAuth, preflightRequest(APP, 'GET', { headers: 'authorization' }))).headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type',
    );
    const withoutAuth = createCorsPolicy({ origins: [APP], allowHeaders: ['Content-Type'] });
    expect(asResponse(evaluateCors(withoutAuth, preflightRequest(APP, 'GET', { headers: 'authorization' }))).status).toBe(403);
  });
});

describe('rule 6: Vary: Origin on every non-preflight response of an origin-dependent policy', () => {
  it.each([
    ['an allowed origin', APP],
    ['a refused origin', 'https://evil.example'],
    ['no Origin at all', null],
    ['Origin: null', 'null'],
  ])('adds Vary: Origin for %s', (_, origin) => {
    expect(asHeaders(evaluateCors(listed, actualRequest(origin))).get('vary')).toBe('Origin');
    expect(asHeaders(evaluateCors(createCorsPolicy({ origins: () => true }), actualRequest(origin))).get('vary')).toBe('Origin');
  });

  it('with origins: * sends Access-Control-Allow-Origin: * and no Vary: Origin on every response', () => {
    for (const origin of [APP, 'https://evil.example', null, 'null']) {
      expect(headersOf(evaluateCors(anyOrigin, actualRequest(origin)))).toEqual({
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'x-request-id',
      });
    }
    const preflight = asResponse(evaluateCors(anyOrigin, preflightRequest(APP, 'PUT')));
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('vary')).toBeNull();
  });
});

describe('rule 7: bounded work on hostile input', () => {
  it('refuses an Origin over 326 bytes without calling the predicate', () => {
    let calls = 0;
    const policy = createCorsPolicy({ origins: () => ++calls > 0 });
    const origin = `https://${'a'.repeat(64 * 1024)}.example`;
    expect(asHeaders(evaluateCors(policy, actualRequest(origin))).get('access-control-allow-origin')).toBeNull();
    expect(asResponse(evaluateCors(policy, preflightRequest(origin, 'PUT'))).status).toBe(403);
    expect(calls).toBe(0);
  });

  it('never calls the predicate with null or junk', () => {
    const seen: string[] = [];
    const policy = createCorsPolicy({ origins: (origin) => (seen.push(origin), true) });
    for (const origin of [
      'null',
      '',
      'app.example',
      'https://app.example/',
      'HTTPS://APP.EXAMPLE',
      'https://a b',
      `${APP}, ${APP}`,
      'https://app.example:0443',
    ]) {
      evaluateCors(policy, actualRequest(origin));
    }
    expect(seen).toEqual([]);
    evaluateCors(policy, actualRequest(APP));
    expect(seen).toEqual([APP]);
  });

  it.each([
    ['commas', ','.repeat(1024 * 1024)],
    ['spaces', ' '.repeat(1024 * 1024)],
    ['one huge token', 'x'.repeat(1024 * 1024)],
    ['many allowed names', 'content-type,'.repeat(80_000)],
  ])('answers a 1 MiB Access-Control-Request-Headers of %s without throwing', (_, junk) => {
    for (const policy of [
      listed,
      credentialed,
      createCorsPolicy({ origins: [APP], allowHeaders: ['content-type', 'x-trace'] }),
      createCorsPolicy({ origins: [APP], credentials: true, allowHeaders: '*' }),
    ]) {
      const response = asResponse(evaluateCors(policy, preflightRequest(APP, 'PUT', { headers: junk })));
      expect([204, 403]).toContain(response.status);
    }
  });
});

describe('rule 7: bounded work — the method, the reasons, the wildcard lookup', () => {
  it('refuses a 1 MiB Access-Control-Request-Method by its length, and quotes a bounded piece of it', () => {
    const reasons: string[] = [];
    const policy = createCorsPolicy({ origins: [APP], debug: true, onRefusal: (refusal) => reasons.push(refusal.reason) });
    const response = asResponse(evaluateCors(policy, preflightRequest(APP, 'X'.repeat(1024 * 1024))));
    expect(response.status).toBe(403);
    expect(reasons[0]?.length).toBeLessThan(400);
    expect(response.headers.get('corsa-refusal')?.length).toBeLessThan(400);
  });

  it('quotes a bounded piece of a long refused header name', () => {
    const reasons: string[] = [];
    const policy = createCorsPolicy({ origins: [APP], credentials: true, onRefusal: (refusal) => reasons.push(refusal.reason) });
    evaluateCors(policy, preflightRequest(APP, 'PUT', { headers: `x-${'a'.repeat(3000)} y` }));
    expect(reasons[0]?.length).toBeLessThan(400);
  });

  it('matches a 150-label origin against a wildcard with a handful of lookups, not one per label', () => {
    const policy = createCorsPolicy({ origins: ['https://*.example.com'] });
    const long = `https://${'a.'.repeat(150)}evil.net`;
    const has = Set.prototype.has;
    let lookups = 0;
    Set.prototype.has = function (this: Set<unknown>, value: unknown) {
      lookups++;
      return has.call(this, value);
    };
    try {
      evaluateCors(policy, actualRequest(long));
    } finally {
      Set.prototype.has = has;
    }
    expect(lookups).toBeLessThan(10);
    expect(asHeaders(evaluateCors(policy, actualRequest(`https://${'a.'.repeat(150)}example.com`))).get('access-control-allow-origin')).toBe(
      `https://${'a.'.repeat(150)}example.com`,
    );
  });
});

describe('rule 8: total — no input makes evaluateCors throw, every emitted value is valid', () => {
  it('survives control characters, non-ASCII and odd methods in every header it reads', () => {
    const nasty = ['\u0000', 'é', '\u00ff', '\t', ' ', ',', '*', '%2F', 'https://ünï.example', 'https://[::1', 'https://a..b', 'a'.repeat(400)];
    const policies = [listed, credentialed, anyOrigin, createCorsPolicy({ origins: [APP], credentials: true, methods: '*', allowHeaders: '*', debug: true })];
    for (const policy of policies) {
      for (const value of nasty) {
        const headers: [string, string][] = [];
        // Header values must be ByteStrings to build a Request; keep only those.
        if ([...value].every((ch) => ch.charCodeAt(0) <= 0xff && ch !== '\u0000')) {
          headers.push(['origin', value], ['access-control-request-method', value], ['access-control-request-headers', value]);
        }
        for (const method of ['OPTIONS', 'GET', 'PROPFIND']) {
          const answer = evaluateCors(policy, new Request('https://api.example/', { method, headers }));
          expect(answer instanceof Response || answer instanceof Headers).toBe(true);
        }
        // The same values as a preflight from an allowed origin reach every check.
        const answer = evaluateCors(
          policy,
          new Request('https://api.example/', {
            method: 'OPTIONS',
            headers: headers.length
              ? [['origin', APP], ...headers.slice(1)]
              : [
                  ['origin', APP],
                  ['access-control-request-method', 'PUT'],
                ],
          }),
        );
        expect(answer).toBeInstanceOf(Response);
      }
    }
  });
});

describe('rule 8: a failing origins predicate fails closed and is reported', () => {
  type Seen = { check: string; reason: string; error?: unknown };
  const failing: [string, (origin: string) => unknown, RegExp][] = [
    [
      'throws',
      () => {
        throw new Error('database down');
      },
      /threw: database down/,
    ],
    [
      'rejects',
      async () => {
        throw new Error('database down');
      },
      /Promise rejected: database down/,
    ],
    ['returns a non-boolean', () => 'yes', /returned 'yes', not true or false/],
    ['resolves to a non-boolean', async () => 1, /returned number, not true or false/],
    [
      'returns a thenable whose then getter throws',
      () => ({
        // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the point of this case.
        get then() {
          throw new Error('bad thenable');
        },
      }),
      /returned object, not true or false/,
    ],
  ];

  it.each(failing)(
    'a predicate that %s: the preflight is refused (403), the actual request gets only Vary, onRefusal gets the error',
    async (_, predicate, reason) => {
      const seen: Seen[] = [];
      // Without credentials: with them, the always-true probe would meet the failure at start-up first.
      const policy = createCorsPolicy({
        origins: predicate as (origin: string) => boolean,
        debug: true,
        onRefusal: (refusal) => seen.push(refusal),
      });
      // Neither a throw nor a rejection escapes: both calls settle to an answer.
      const preflight = await evaluateCors(policy, preflightRequest(APP, 'PUT'));
      const actual = await evaluateCors(policy, actualRequest(APP));
      expect(asResponse(preflight).status).toBe(403);
      expect(accessControlNames(preflight)).toEqual([]);
      expect(headersOf(asHeaders(actual))).toEqual({ vary: 'Origin', 'corsa-refusal': expect.stringMatching(reason) });
      expect(seen).toHaveLength(2);
      for (const refusal of seen) {
        expect(refusal.check).toBe('origin');
        expect(refusal.reason).toMatch(reason);
        expect(refusal.error).toBeInstanceOf(Error);
      }
    },
  );

  it('a predicate that never settles refuses the origin after predicateTimeout and says so', async () => {
    const seen: Seen[] = [];
    const policy = createCorsPolicy({ origins: () => new Promise<boolean>(() => {}), predicateTimeout: 20, onRefusal: (refusal) => seen.push(refusal) });
    const started = Date.now();
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(403);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(seen[0]?.reason).toContain('did not settle within predicateTimeout (20 ms)');
  });

  it('a predicate that answers in time is not cut short by the timeout', async () => {
    const policy = createCorsPolicy({
      origins: (origin) => new Promise<boolean>((resolve) => setTimeout(() => resolve(origin === APP), 5)),
      predicateTimeout: 1000,
    });
    expect(asHeaders(await evaluateCors(policy, actualRequest(APP))).get('access-control-allow-origin')).toBe(APP);
  });
});

describe('an async always-true predicate with credentials fails closed from the first request', () => {
  it('refuses every origin, preflight and actual, and tells onRefusal why', async () => {
    const seen: { reason: string; error?: unknown }[] = [];
    const policy = createCorsPolicy({ origins: async () => true, credentials: true, debug: true, onRefusal: (refusal) => seen.push(refusal) });
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(403);
    expect(headersOf(asHeaders(await evaluateCors(policy, actualRequest(APP))))).toMatchObject({ vary: 'Origin' });
    expect(asHeaders(await evaluateCors(policy, actualRequest(APP))).get('access-control-allow-origin')).toBeNull();
    expect(seen[0]?.reason).toContain('this credentialed policy is unsafe');
    expect(seen[0]?.error).toMatchObject({ issues: [{ code: 'always-true-predicate-with-credentials' }] });
  });

  it('lets an async predicate that checks the origin work once it answered the probe', async () => {
    const policy = createCorsPolicy({ origins: async (origin) => origin === APP, credentials: true });
    expect(asHeaders(await evaluateCors(policy, actualRequest(APP))).get('access-control-allow-origin')).toBe(APP);
    expect(asHeaders(await evaluateCors(policy, actualRequest('https://evil.example'))).get('access-control-allow-origin')).toBeNull();
  });

  it('asks again on the first request when the probe failed at start-up (no I/O outside a request, say)', async () => {
    let ready = false;
    const policy = createCorsPolicy({
      origins: async () => {
        if (!ready) throw new Error('not ready');
        return true;
      },
      credentials: true,
    });
    ready = true;
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(403);
  });
});

describe('the probe of an async predicate with credentials: an unproven answer is not a pass', () => {
  it('a probe that rejects keeps every origin refused (not trusted), and is asked again after the back-off', async () => {
    let failing = true;
    const seen: { reason: string }[] = [];
    const policy = createCorsPolicy({
      origins: async (origin) => {
        if (failing) throw new Error('database down');
        return origin === APP;
      },
      credentials: true,
      onRefusal: (refusal) => void seen.push(refusal),
    });
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(403);
    expect(seen.at(-1)?.reason).toContain('has not shown that it refuses origins no site can have');
    failing = false;
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(403); // within the back-off
    await new Promise((resolve) => setTimeout(resolve, PROBE_RETRY_MS + 50));
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(204);
  });

  it('a probe that never settles is asked again after its timeout, not left pending for the life of the policy', async () => {
    let hang = true;
    const policy = createCorsPolicy({
      origins: (origin) => (hang ? new Promise<boolean>(() => {}) : Promise.resolve(origin === APP)),
      credentials: true,
      predicateTimeout: 20,
    });
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(403);
    hang = false;
    await new Promise((resolve) => setTimeout(resolve, PROBE_RETRY_MS + 50));
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(204);
  });

  it('an async predicate true for http: origins only is found out (asked over http too)', async () => {
    const policy = createCorsPolicy({ origins: async (origin) => origin.startsWith('http://') || origin === APP, credentials: true });
    expect(asResponse(await evaluateCors(policy, preflightRequest(APP, 'PUT'))).status).toBe(403);
  });
});

describe('rule 9: isolation — every call returns fresh objects', () => {
  it('returns a new Headers each time, and mutating one changes no later answer', () => {
    const first = asHeaders(evaluateCors(credentialed, actualRequest(APP)));
    first.set('access-control-allow-origin', 'https://evil.example');
    first.delete('vary');
    const second = asHeaders(evaluateCors(credentialed, actualRequest(APP)));
    expect(second).not.toBe(first);
    expect(second.get('access-control-allow-origin')).toBe(APP);
    expect(second.get('vary')).toBe('Origin');

    const star = asHeaders(evaluateCors(anyOrigin, actualRequest(null)));
    star.set('access-control-allow-origin', 'x');
    expect(asHeaders(evaluateCors(anyOrigin, actualRequest(null))).get('access-control-allow-origin')).toBe('*');
  });

  it('returns a new preflight Response each time', () => {
    const first = asResponse(evaluateCors(listed, preflightRequest(APP, 'PUT')));
    first.headers.set('access-control-allow-methods', 'GET');
    const second = asResponse(evaluateCors(listed, preflightRequest(APP, 'PUT')));
    expect(second).not.toBe(first);
    expect(second.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
  });
});

describe('preflight checks beyond the origin', () => {
  const strict = createCorsPolicy({ origins: [APP], methods: ['PUT', 'patch'], allowHeaders: ['Content-Type', 'X-Trace'] });

  it('always allows the CORS-safelisted methods GET, HEAD and POST', () => {
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'patch']) {
      expect(asResponse(evaluateCors(strict, preflightRequest(APP, method))).status).toBe(204);
    }
  });

  it('compares methods case-sensitively, except the six fetch() normalises', () => {
    expect(asResponse(evaluateCors(strict, preflightRequest(APP, 'PATCH'))).status).toBe(403);
    expect(asResponse(evaluateCors(strict, preflightRequest(APP, 'DELETE'))).status).toBe(403);
    expect(optionsOf(createCorsPolicy({ origins: [APP], methods: ['put', 'Delete'] })).methods).toEqual(['PUT', 'DELETE']);
  });

  it('reads request header names case-insensitively, with or without spaces', () => {
    for (const headers of ['content-type,x-trace', 'X-Trace, Content-Type', ' x-trace ', '', 'x-trace,,content-type']) {
      expect(asResponse(evaluateCors(strict, preflightRequest(APP, 'PUT', { headers }))).status).toBe(204);
    }
    for (const headers of ['x-trace,x-other', 'x-trace;x', 'x trace']) {
      expect(asResponse(evaluateCors(strict, preflightRequest(APP, 'PUT', { headers }))).status).toBe(403);
    }
  });

  it('ignores Access-Control-Request-Private-Network: Private Network Access is retired (Local Network Access needs no header)', () => {
    const answer = asResponse(evaluateCors(listed, preflightRequest(APP, 'GET', { privateNetwork: true })));
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-private-network')).toBeNull();
    expect(answer.headers.get('vary')).toBe('Origin');
  });

  it('answers methods: * with * without credentials', () => {
    const any = createCorsPolicy({ origins: [APP], methods: '*' });
    expect(asResponse(evaluateCors(any, preflightRequest(APP, 'PROPFIND'))).headers.get('access-control-allow-methods')).toBe('*');
  });
});

describe('async origin predicates', () => {
  it('returns a Promise of the same answers when the predicate returns one', async () => {
    const policy = createCorsPolicy({ origins: async (origin: string) => origin === APP, credentials: true });
    const allowed = evaluateCors(policy, actualRequest(APP));
    expect(allowed).toBeInstanceOf(Promise);
    expect(((await allowed) as Headers).get('access-control-allow-origin')).toBe(APP);
    expect(((await evaluateCors(policy, actualRequest('https://evil.example'))) as Headers).get('access-control-allow-origin')).toBeNull();
    expect(((await evaluateCors(policy, preflightRequest(APP, 'PUT'))) as Response).status).toBe(204);
    expect(((await evaluateCors(policy, preflightRequest('https://evil.example', 'PUT'))) as Response).status).toBe(403);
  });

  it('treats only true as a yes', () => {
    const truthy = createCorsPolicy({ origins: (() => 'yes') as unknown as () => boolean });
    expect(asHeaders(evaluateCors(truthy, actualRequest(APP))).get('access-control-allow-origin')).toBeNull();
  });

  it('gives the predicate the request', () => {
    let seen: Request | undefined;
    const policy = createCorsPolicy({ origins: (_origin, request) => ((seen = request), true) });
    const request = actualRequest(APP);
    evaluateCors(policy, request);
    expect(seen).toBe(request);
  });
});

it('rejects something that is not a policy with a clear TypeError', () => {
  expect(() => evaluateCors({} as never, actualRequest(APP))).toThrow('Expected a CorsPolicy from createCorsPolicy(options).');
});
