// Property-based conformance: random valid policies and random requests, with the Fetch
// oracle judging Corsa's answers and an independent model saying what should pass.
// Runs per property: PROPERTY_RUNS (default 1000; the soak script's long mode uses more).
// A failure prints fast-check's seed and path: rerun with { seed, path } to reproduce.
import {
  type BrowserRequest,
  browserFetch,
  browserRequestArb,
  modelAllows,
  optionsOf,
  originArb,
  type PolicySpec,
  patternMatches,
  policySpecArb,
  requestOriginArb,
} from '@corsa/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCors } from './apply.js';
import { corsOptionsFromEnv } from './env.js';
import { CorsConfigError } from './errors.js';
import { evaluateCors } from './evaluate.js';
import type { CorsOptions } from './options.js';
import { createCorsPolicy, optionsOf as normalizedOptionsOf } from './policy.js';
import { withCors } from './with-cors.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const params = { numRuns: RUNS };
const policyOf = (spec: PolicySpec) => createCorsPolicy(optionsOf(spec));
const VALID_HEADER_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

function request(origin: string | undefined, init: { method?: string; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers(init.headers);
  if (origin !== undefined) headers.set('origin', origin);
  return new Request('https://api.example/r', { method: init.method ?? 'GET', headers });
}

const preflightArb = fc.record({
  origin: requestOriginArb.filter((o): o is string => o !== undefined),
  method: fc.constantFrom('PUT', 'PATCH', 'patch', 'DELETE', 'PROPFIND', 'GET'),
  headers: fc.constantFrom('', 'content-type', 'x-trace,authorization', 'x-other', 'authorization'),
});

function preflightOf(p: { origin: string; method: string; headers: string }): Request {
  const headers: Record<string, string> = { origin: p.origin, 'access-control-request-method': p.method };
  if (p.headers) headers['access-control-request-headers'] = p.headers;
  return new Request('https://api.example/r', { method: 'OPTIONS', headers });
}

/** A preflight or an actual request, from any kind of Origin. */
const anyRequestArb = fc.oneof(
  preflightArb.map(preflightOf),
  requestOriginArb.map((o) => request(o)),
);

/** The headers of an answer, whichever kind it is. */
const headersOf = (answer: Response | Headers): Headers => (answer instanceof Response ? answer.headers : answer);

describe('conformance: the oracle accepts exactly what the policy allows', () => {
  it('for random policies and random browser requests', async () => {
    await fc.assert(
      fc.asyncProperty(policySpecArb, browserRequestArb, async (spec, browserRequest: BrowserRequest) => {
        const serve = withCors(optionsOf(spec), () => new Response('ok', { headers: { 'x-request-id': '1' } }));
        const outcome = await browserFetch(serve, browserRequest);
        expect(outcome.ok, outcome.failure).toBe(modelAllows(spec, browserRequest));
      }),
      params,
    );
  });
});

describe('properties of every answer', () => {
  it('Access-Control-Allow-Origin is * (only for origins: *, for every Origin) or byte-identical to Origin, one value', async () => {
    await fc.assert(
      fc.asyncProperty(policySpecArb, anyRequestArb, async (spec, req) => {
        const answer = await evaluateCors(policyOf(spec), req);
        const acao = headersOf(answer).get('access-control-allow-origin');
        if (spec.origins === '*') {
          const isRefusedPreflight = answer instanceof Response && answer.status === 403;
          expect(acao).toBe(isRefusedPreflight ? null : '*');
        } else if (acao !== null) {
          expect(acao).toBe(req.headers.get('origin'));
          expect(acao).not.toBe('null');
        }
      }),
      params,
    );
  });

  it('Access-Control-Allow-Credentials is only ever "true", next to an allowed, reflected origin, never with *', async () => {
    await fc.assert(
      fc.asyncProperty(policySpecArb, anyRequestArb, async (spec, req) => {
        const answer = await evaluateCors(policyOf(spec), req);
        const headers = headersOf(answer);
        const acac = headers.get('access-control-allow-credentials');
        if (acac === null) return;
        expect(acac).toBe('true');
        expect(spec.credentials).toBe(true);
        expect(headers.get('access-control-allow-origin')).toBe(req.headers.get('origin'));
        for (const name of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers']) {
          expect((headers.get(name) ?? '').split(',').map((v) => v.trim())).not.toContain('*');
        }
      }),
      params,
    );
  });

  it('the CORS headers of a response Corsa touches are exactly its answer: none on a refused answer, whatever the handler’s response carried', async () => {
    const foreignArb = fc.subarray([
      ['access-control-allow-origin', 'https://evil.example'],
      ['access-control-allow-origin', '*'],
      ['access-control-allow-credentials', 'true'],
      ['access-control-expose-headers', 'x-secret'],
      ['access-control-allow-methods', '*'],
      ['access-control-allow-headers', '*'],
      ['access-control-max-age', '86400'],
      ['corsa-refusal', 'forged'],
    ] as const);
    await fc.assert(
      fc.asyncProperty(policySpecArb, requestOriginArb, foreignArb, async (spec, origin, foreign) => {
        const req = request(origin);
        const answer = await evaluateCors(policyOf(spec), req);
        const handlerResponse = new Response('x');
        for (const [name, value] of foreign) handlerResponse.headers.set(name, value);
        const response = await withCors(policyOf(spec), () => handlerResponse)(req);
        const corsHeaders = (headers: Headers) => [...headers].filter(([name]) => name.startsWith('access-control-') || name === 'corsa-refusal');
        expect(corsHeaders(response.headers)).toEqual(corsHeaders(headersOf(answer)));
        if (headersOf(answer).get('access-control-allow-origin') === null) {
          expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
        }
      }),
      params,
    );
  });

  it('every non-preflight response of an origin-dependent policy carries Vary: Origin; existing Vary survives; * stays *', async () => {
    const existingVary = fc.constantFrom(null, 'Accept-Encoding', 'accept, ORIGIN', '*', 'Cookie, Accept-Language');
    await fc.assert(
      fc.asyncProperty(
        policySpecArb,
        requestOriginArb,
        fc.constantFrom('GET', 'POST', 'OPTIONS', 'DELETE'),
        existingVary,
        async (spec, origin, method, vary) => {
          const answer = await evaluateCors(policyOf(spec), request(origin, { method }));
          expect(answer).toBeInstanceOf(Headers);
          const response = applyCors(new Response('x', { headers: vary ? { vary } : {} }), answer as Headers);
          const tokens = (response.headers.get('vary') ?? '')
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean);
          if (vary === '*') return void expect(tokens).toEqual(['*']);
          for (const token of (vary ?? '')
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean))
            expect(tokens).toContain(token);
          if (spec.origins !== '*') expect(tokens.filter((t) => t === 'origin')).toEqual(['origin']);
          else expect(tokens.filter((t) => t === 'origin').length).toBeLessThanOrEqual(1);
        },
      ),
      params,
    );
  });

  it('only Origin and the Access-Control-Request-* headers affect the answer, and the body is never read', async () => {
    const noise = fc.dictionary(
      fc.constantFrom('cookie', 'accept', 'user-agent', 'x-forwarded-for', 'authorization', 'content-type', 'referer', 'x-random'),
      fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', ',', '*', '/'), minLength: 1, maxLength: 10 }).map((s) => `v${s}v`),
    );
    await fc.assert(
      fc.asyncProperty(policySpecArb, preflightArb, fc.boolean(), noise, async (spec, p, asPreflight, extra) => {
        const policy = policyOf(spec);
        const base = asPreflight ? preflightOf(p) : request(p.origin, { method: p.method });
        let pulled = false;
        const body = new ReadableStream(
          {
            pull() {
              pulled = true;
            },
          },
          { highWaterMark: 0 },
        );
        const noisy = new Request(base.url, {
          method: base.method === 'GET' ? 'POST' : base.method,
          headers: { ...extra, ...Object.fromEntries(base.headers) },
          body,
          duplex: 'half',
        } as RequestInit);
        const plain = new Request(base.url, { method: noisy.method, headers: base.headers });
        const [a, b] = await Promise.all([evaluateCors(policy, noisy), evaluateCors(policy, plain)]);
        expect([...headersOf(a)]).toEqual([...headersOf(b)]);
        expect(a instanceof Response ? a.status : 0).toBe(b instanceof Response ? b.status : 0);
        expect(pulled).toBe(false);
        expect(noisy.bodyUsed).toBe(false);
      }),
      params,
    );
  });

  it('is total: no request throws, and every emitted value is a valid header value', async () => {
    const anyHeaderValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(
        policySpecArb,
        fc.boolean(),
        fc.constantFrom('OPTIONS', 'GET', 'POST', 'PROPFIND'),
        fc.option(anyHeaderValue),
        fc.option(anyHeaderValue),
        fc.option(anyHeaderValue),
        fc.option(anyHeaderValue),
        async (spec, debug, method, origin, acrm, acrh, acrpn) => {
          const policy = createCorsPolicy({ ...optionsOf(spec), debug, onRefusal: () => {} } as unknown as CorsOptions);
          const headers = new Headers();
          if (origin !== null) headers.set('origin', origin);
          if (acrm !== null) headers.set('access-control-request-method', acrm);
          if (acrh !== null) headers.set('access-control-request-headers', acrh);
          if (acrpn !== null) headers.set('access-control-request-private-network', acrpn);
          const answer = await evaluateCors(policy, new Request('https://api.example/', { method, headers }));
          for (const [, value] of headersOf(answer)) expect(value).toMatch(VALID_HEADER_VALUE);
        },
      ),
      params,
    );
  });
});

describe('isolation and monotonicity', () => {
  it('returns fresh objects on every call', async () => {
    await fc.assert(
      fc.asyncProperty(policySpecArb, anyRequestArb, async (spec, req) => {
        const policy = policyOf(spec);
        const first = await evaluateCors(policy, req);
        const firstHeaders = [...headersOf(first)];
        headersOf(first).set('access-control-allow-origin', 'https://tampered.example');
        const second = await evaluateCors(policy, req);
        expect(second).not.toBe(first);
        expect([...headersOf(second)]).toEqual(firstHeaders);
      }),
      params,
    );
  });

  it('adding an origin pattern never refuses an origin that was allowed', async () => {
    const listSpec = policySpecArb.filter((s) => s.origins !== '*' && 'patterns' in s.origins);
    await fc.assert(
      fc.asyncProperty(
        listSpec,
        originArb.map((o) => o),
        requestOriginArb,
        async (spec, extraOrigin, origin) => {
          const before = policyOf(spec);
          const patterns = (spec.origins as { patterns: string[] }).patterns;
          let after: ReturnType<typeof policyOf>;
          try {
            after = policyOf({ ...spec, origins: { patterns: [...patterns, extraOrigin] } });
          } catch (error) {
            expect(error).toBeInstanceOf(CorsConfigError); // e.g. plain http with credentials
            return;
          }
          const allowedBefore = ((await evaluateCors(before, request(origin))) as Headers).has('access-control-allow-origin');
          const allowedAfter = ((await evaluateCors(after, request(origin))) as Headers).has('access-control-allow-origin');
          if (allowedBefore) expect(allowedAfter).toBe(true);
        },
      ),
      params,
    );
  });

  it('https://*.d and :* patterns match exactly their grammar', async () => {
    const pattern = fc.constantFrom(
      'https://*.app.example',
      'https://*.c.app.example',
      'http://localhost:*',
      'http://*.localhost:*',
      'https://*.app.example:8080',
      'http://127.0.0.1:*',
    );
    await fc.assert(
      fc.asyncProperty(
        pattern,
        fc.oneof(
          originArb,
          requestOriginArb.filter((o): o is string => o !== undefined),
        ),
        async (p, origin) => {
          const answer = (await evaluateCors(createCorsPolicy({ origins: [p] }), request(origin))) as Headers;
          expect(answer.has('access-control-allow-origin')).toBe(patternMatches(p, origin));
        },
      ),
      params,
    );
  });
});

describe('configuration', () => {
  // Each fragment is wrong in exactly one way, in its own option.
  const fragments: Record<string, [Record<string, unknown>, string[]]> = {
    maxAge: [{ maxAge: -1 }, ['maxAge']],
    preflightStatus: [{ preflightStatus: 201 }, ['preflightStatus']],
    methods: [{ methods: ['GET', 'TRACE'] }, ['methods[1]']],
    allowHeaders: [{ allowHeaders: ['Cookie', 'x-ok', 'Host'] }, ['allowHeaders[0]', 'allowHeaders[2]']],
    exposeHeaders: [{ exposeHeaders: ['Set-Cookie'] }, ['exposeHeaders[0]']],
    debug: [{ debug: 'yes' }, ['debug']],
    onRefusal: [{ onRefusal: 1 }, ['onRefusal']],
    privateNetwork: [{ privateNetwork: true }, ['privateNetwork']],
    origins: [{ origins: ['https://a.example/', 'https://ok.example', 'null'] }, ['origins[0]', 'origins[2]']],
    typo: [{ allowOrigins: [] }, ['allowOrigins']],
  };

  it('every invalid option set throws one issue per problem', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...Object.keys(fragments)), { minLength: 1 }), (picked) => {
        const options = Object.assign({ origins: ['https://fine.example'] }, ...picked.map((key) => fragments[key]![0]));
        const expected = picked.flatMap((key) => fragments[key]![1]).sort();
        try {
          createCorsPolicy(options as never);
        } catch (error) {
          expect(error).toBeInstanceOf(CorsConfigError);
          expect((error as CorsConfigError).issues.map((issue) => issue.path).sort()).toEqual(expected);
          return;
        }
        throw new Error('expected a CorsConfigError');
      }),
      params,
    );
  });

  it('normalising twice equals normalising once', () => {
    fc.assert(
      fc.property(policySpecArb, (spec) => {
        const once = policyOf(spec);
        expect(normalizedOptionsOf(createCorsPolicy(normalizedOptionsOf(once) as never))).toEqual(normalizedOptionsOf(once));
      }),
      params,
    );
  });

  // Invalid values of the kinds people write: origins with one to three mistakes at once,
  // lists with whitespace, empty elements, a '*' or a protocol header among them.
  const brokenOriginArb = fc
    .tuple(
      fc.constantFrom('https://app.example', 'https://*.corp.example', 'http://localhost:5173', 'https://api.example:8443', 'http://localhost:*'),
      fc.uniqueArray(fc.constantFrom('upper', 'path', 'slash', 'query', 'default-port', 'space', 'newline', 'tab', 'no-scheme'), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([origin, mistakes]) => {
      let text: string = origin;
      for (const mistake of mistakes) {
        if (mistake === 'upper') text = text.replace(/[a-z]+(?=\.)/, (label) => label[0]!.toUpperCase() + label.slice(1));
        if (mistake === 'path') text = `${text}/api/v1`;
        if (mistake === 'slash') text = `${text}/`;
        if (mistake === 'query') text = `${text}?x=1`;
        if (mistake === 'default-port' && !/:\d+|:\*/.test(text.slice(8)))
          text = text.replace(/^(https?:\/\/[^/?]+)/, (all) => `${all}${all.startsWith('https') ? ':443' : ':80'}`);
        if (mistake === 'space') text = ` ${text}`;
        if (mistake === 'newline') text = `${text}\n`;
        if (mistake === 'tab') text = `\t${text}`;
        if (mistake === 'no-scheme' && text.startsWith('https://')) text = text.slice(8);
      }
      return text;
    });
  const listElementArb = (good: string[], bad: string[]) => fc.array(fc.constantFrom(...good, ...bad), { minLength: 1, maxLength: 5 });
  const brokenOptionsArb = fc.record({
    origins: fc.array(fc.oneof(brokenOriginArb, fc.constantFrom('https://fine.example', 'null', '')), { minLength: 1, maxLength: 4 }),
    credentials: fc.boolean(),
    methods: listElementArb(['GET', 'PUT', 'PATCH'], ['PUT\n', ' DELETE', '', '*', 'TRACE', 'get']),
    allowHeaders: listElementArb(['content-type', 'X-Trace'], ['x-a ', '', '*', 'Access-Control-Allow-Origin', 'Cookie', 'x-a x-b']),
    exposeHeaders: listElementArb(['x-request-id'], ['X-Id\t', '', '*', 'Access-Control-Request-Method', 'Set-Cookie', 'Origin']),
  });

  /** Applies every fix once (a list's fix covers all its elements), then says which fixed paths still have issues. */
  function applyFixes(issues: readonly { path: string; fix?: { path: string; value: unknown } }[], target: Record<string, unknown>): string[] {
    const fixes = new Map(issues.filter((issue) => issue.fix !== undefined).map((issue) => [issue.fix!.path, issue.fix!.value]));
    for (const [path, value] of fixes) target[path] = value;
    return [...fixes.keys()];
  }
  const issuesOf = (run: () => unknown) => {
    try {
      run();
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(CorsConfigError);
      return (error as CorsConfigError).issues;
    }
  };

  it('every fix Corsa suggests for an option is accepted by the next run as it stands', () => {
    fc.assert(
      fc.property(brokenOptionsArb, (broken) => {
        const options: Record<string, unknown> = { ...broken };
        const fixed = applyFixes(
          issuesOf(() => createCorsPolicy(options as never)),
          options,
        );
        const remaining = issuesOf(() => createCorsPolicy(options as never));
        expect(remaining.filter((issue) => fixed.some((path) => issue.path === path || issue.path.startsWith(`${path}[`)))).toEqual([]);
      }),
      params,
    );
  });

  it('every fix suggested for a CORS_* variable is accepted by the next run as it stands', () => {
    const join = (items: string[]) => items.join(',');
    fc.assert(
      fc.property(brokenOptionsArb, fc.constantFrom('true', 'false', ' true', 'false\n'), (broken, credentials) => {
        const env: Record<string, unknown> = {
          CORS_ORIGINS: join(broken.origins),
          CORS_CREDENTIALS: credentials,
          CORS_METHODS: join(broken.methods),
          CORS_ALLOW_HEADERS: join(broken.allowHeaders),
          CORS_EXPOSE_HEADERS: join(broken.exposeHeaders),
        };
        const fixed = applyFixes(
          issuesOf(() => corsOptionsFromEnv(env)),
          env,
        );
        const remaining = issuesOf(() => corsOptionsFromEnv(env));
        expect(remaining.filter((issue) => fixed.some((name) => issue.path === name || issue.path.startsWith(`${name}[`)))).toEqual([]);
      }),
      params,
    );
  });
});

describe('policy sources and hooks', () => {
  // A source is asked per request; whether it returns a fresh object, one shared object
  // mutated in place, or the same object unchanged, the answer is always that of a
  // policy compiled from what it holds at that moment.
  it('a source returning fresh, shared-and-mutated or unchanged objects answers as a policy compiled from its answer then', async () => {
    const step = fc.record({ spec: policySpecArb, mode: fc.constantFrom('fresh', 'mutated', 'same'), request: anyRequestArb });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const shared: Record<string, unknown> = {};
        let current: Record<string, unknown> = { origins: '*' };
        const handler = withCors(
          () => current as unknown as CorsOptions,
          () => new Response('ok'),
        );
        for (const { spec, mode, request } of steps) {
          const options = optionsOf(spec) as unknown as Record<string, unknown>;
          if (mode === 'fresh') current = { ...options };
          else if (mode === 'mutated') {
            for (const key of Object.keys(shared)) delete shared[key];
            Object.assign(shared, options);
            current = shared;
          } // 'same': whatever the last step left, unchanged
          const expected = await evaluateCors(createCorsPolicy(current as unknown as CorsOptions), request.clone());
          const actual = await handler(request.clone());
          for (const name of [
            'access-control-allow-origin',
            'access-control-allow-credentials',
            'access-control-allow-methods',
            'access-control-allow-headers',
          ]) {
            expect(headersOf(actual).get(name)).toBe(headersOf(expected).get(name));
          }
          if (expected instanceof Response) expect(actual.status).toBe(expected.status);
        }
      }),
      { numRuns: Math.max(50, RUNS / 10) },
    );
  });

  it('an onRefusal that throws or rejects never changes an answer', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      await fc.assert(
        fc.asyncProperty(policySpecArb, anyRequestArb, fc.constantFrom('throws', 'rejects'), async (spec, request, failure) => {
          const options = optionsOf(spec);
          const quiet = createCorsPolicy(options);
          const failing = createCorsPolicy({
            ...options,
            onRefusal:
              failure === 'throws'
                ? () => {
                    throw new Error('hook');
                  }
                : () => Promise.reject(new Error('hook')),
          } as CorsOptions);
          const expected = await evaluateCors(quiet, request.clone());
          const actual = await evaluateCors(failing, request.clone());
          expect([...headersOf(actual)]).toEqual([...headersOf(expected)]);
          if (expected instanceof Response) expect((actual as Response).status).toBe(expected.status);
        }),
        { numRuns: Math.max(50, RUNS / 10) },
      );
      await new Promise((resolve) => setTimeout(resolve, 10)); // rejections handled, none left over
    } finally {
      console.error = original;
    }
  });
});
