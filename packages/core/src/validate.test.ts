import { describe, expect, it } from 'vitest';
import { CorsConfigError } from './errors.js';
import { createCorsPolicy, optionsOf } from './policy.js';

/** The issues createCorsPolicy throws for `options` (fails the test when it does not throw). */
function issuesOf(options: unknown) {
  try {
    createCorsPolicy(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError);
    return (error as CorsConfigError).issues;
  }
  throw new Error(`expected ${JSON.stringify(options)} to be refused`);
}

const APP = 'https://app.example';

/** Asserts `options` are refused with an issue at `path` with `code`, whose message contains `fix`. */
function expectIssue(options: unknown, path: string, code: string, fix: string): void {
  expect(issuesOf(options)).toContainEqual({ path, code, message: expect.stringContaining(fix) });
}

describe('the real mistake, named', () => {
  it.each([
    ['credential', 'credentials'],
    ['maxAges', 'maxAge'],
    ['Origins', 'origins'],
    ['allowheaders', 'allowHeaders'],
    ['onrefusal', 'onRefusal'],
  ])("a misspelt option '%s': did you mean '%s'?", (name, meant) => {
    expectIssue({ origins: [APP], [name]: true }, name, 'unknown-option', `did you mean '${meant}'?`);
  });

  it('several origins in one element (a comma inside the string): two elements, as the fix', () => {
    const issues = issuesOf({ origins: ['https://a.example,https://b.example'] });
    expect(issues).toEqual([
      {
        path: 'origins[0]',
        code: 'several-in-one-element',
        message: expect.stringContaining("holds 2 values separated by ','"),
        fix: { path: 'origins', value: ['https://a.example', 'https://b.example'] },
      },
    ]);
  });
});

describe('rule 10: refused configurations, each with a message that says the fix', () => {
  it.each([
    ["'*' with credentials", { origins: '*', credentials: true }, 'origins', 'wildcard-origin-with-credentials', 'list the origins that need cookies'],
    [
      "'*' inside a list with credentials",
      { origins: ['*'], credentials: true },
      'origins[0]',
      'wildcard-origin-in-list',
      'list the origins that need cookies',
    ],
    ["'*' inside a list", { origins: ['*'] }, 'origins[0]', 'wildcard-origin-in-list', "write origins: '*'"],
    [
      'an always-true predicate with credentials',
      { origins: () => true, credentials: true },
      'origins',
      'always-true-predicate-with-credentials',
      'check the origin against a list',
    ],
    [
      'an always-true function with credentials',
      {
        // biome-ignore lint/complexity/useArrowFunction: the detector must catch the function form too.
        origins: function () {
          return true;
        },
        credentials: true,
      },
      'origins',
      'always-true-predicate-with-credentials',
      'check the origin',
    ],
    ['origins: true (reflect any)', { origins: true }, 'origins', 'origins-invalid', "use '*' without credentials"],
    ["the 'null' origin", { origins: ['null'] }, 'origins[0]', 'null-origin', 'serve the page from a real origin'],
    ['a file: origin', { origins: ['file:///home/me/index.html'] }, 'origins[0]', 'file-origin', 'serve the page from http://localhost'],
    ['a path', { origins: ['https://app.example/api'] }, 'origins[0]', 'origin-has-path', "write 'https://app.example'"],
    ['a trailing slash', { origins: ['https://app.example/'] }, 'origins[0]', 'origin-trailing-slash', "write 'https://app.example'"],
    ['upper case', { origins: ['https://App.Example'] }, 'origins[0]', 'origin-uppercase', "write 'https://app.example'"],
    ['a default https port', { origins: ['https://app.example:443'] }, 'origins[0]', 'origin-default-port', "write 'https://app.example'"],
    ['a default http port', { origins: ['http://localhost:80'] }, 'origins[0]', 'origin-default-port', "write 'http://localhost'"],
    ['a missing scheme', { origins: ['app.example'] }, 'origins[0]', 'origin-missing-scheme', "write 'https://app.example'"],
    ['* inside a label', { origins: ['https://app-*.example'] }, 'origins[0]', 'origin-wildcard-position', 'use an origins predicate'],
    ['* as the scheme', { origins: ['*://app.example'] }, 'origins[0]', 'origin-wildcard-position', 'list each scheme'],
    ['* in the middle', { origins: ['https://a.*.example'] }, 'origins[0]', 'origin-wildcard-position', "'https://*.example.com'"],
    ['a bare *.', { origins: ['https://*'] }, 'origins[0]', 'origin-wildcard-position', "'https://*.example.com'"],
    ['an invalid port', { origins: ['https://app.example:99999'] }, 'origins[0]', 'origin-invalid-port', 'from 1 to 65535'],
    ['a non-canonical IP', { origins: ['http://0x7f.0.0.1:3000'] }, 'origins[0]', 'origin-not-canonical', "host '127.0.0.1'"],
    ['a non-ASCII host', { origins: ['https://bücher.example'] }, 'origins[0]', 'origin-not-canonical', "'xn--bcher-kva.example'"],
    ['a RegExp', { origins: [/app\.example$/] }, 'origins[0]', 'not-a-string', "origins: ['https://app.example.com']"],
    ['a single string', { origins: APP }, 'origins', 'not-a-list', `write origins: ['${APP}']`],
    ['an empty list', { origins: [] }, 'origins', 'origins-empty', 'list at least one origin'],
    ['no origins', {}, 'origins', 'origins-required', 'say which origins'],
    [
      'plain http with credentials',
      { origins: ['http://app.example'], credentials: true },
      'origins[0]',
      'insecure-origin-with-credentials',
      "write 'https://app.example'",
    ],
    [
      'plain http wildcard with credentials',
      { origins: ['http://*.app.example'], credentials: true },
      'origins[0]',
      'insecure-origin-with-credentials',
      'dangerouslyAllowInsecureOrigins',
    ],
    [
      '*.<tld> with credentials',
      { origins: ['https://*.com'], credentials: true },
      'origins[0]',
      'public-suffix-wildcard-with-credentials',
      'list your own origins',
    ],
    [
      '*.co.uk with credentials',
      { origins: ['https://*.co.uk'], credentials: true },
      'origins[0]',
      'public-suffix-wildcard-with-credentials',
      'list your own origins',
    ],
    [
      '*.github.io with credentials',
      { origins: ['https://*.github.io'], credentials: true },
      'origins[0]',
      'public-suffix-wildcard-with-credentials',
      'use a predicate',
    ],
    ['a wildcard below an IP', { origins: ['https://*.10.0.0.1'] }, 'origins[0]', 'origin-wildcard-position', 'list the address itself'],
    ['CONNECT', { origins: [APP], methods: ['CONNECT'] }, 'methods[0]', 'forbidden-method', 'remove it'],
    ['TRACE', { origins: [APP], methods: ['GET', 'trace'] }, 'methods[1]', 'forbidden-method', 'remove it'],
    ['TRACK', { origins: [APP], methods: ['TRACK'] }, 'methods[0]', 'forbidden-method', 'remove it'],
    ['an invalid method', { origins: [APP], methods: ['G@T'] }, 'methods[0]', 'invalid-method', 'letters, digits'],
    ['methods as a string', { origins: [APP], methods: 'GET,POST' }, 'methods', 'not-a-list', "write methods: ['GET', 'POST']"],
    ['a forbidden request header', { origins: [APP], allowHeaders: ['Cookie'] }, 'allowHeaders[0]', 'forbidden-header', 'remove it'],
    ['a Sec- request header', { origins: [APP], allowHeaders: ['Sec-Fetch-Mode'] }, 'allowHeaders[0]', 'forbidden-header', 'remove it'],
    ['a Proxy- request header', { origins: [APP], allowHeaders: ['Proxy-Authorization'] }, 'allowHeaders[0]', 'forbidden-header', 'remove it'],
    ['an invalid header name', { origins: [APP], allowHeaders: ['X:Trace'] }, 'allowHeaders[0]', 'invalid-header-name', 'letters, digits'],
    ["'*' inside a header list", { origins: [APP], allowHeaders: ['*'] }, 'allowHeaders[0]', 'wildcard-in-header-list', "allowHeaders: '*'"],
    ['an invalid exposed header', { origins: [APP], exposeHeaders: ['X:Id'] }, 'exposeHeaders[0]', 'invalid-header-name', 'letters, digits'],
    ['exposing Set-Cookie', { origins: [APP], exposeHeaders: ['Set-Cookie'] }, 'exposeHeaders[0]', 'unexposable-header', 'remove it'],
    [
      "exposeHeaders: '*' with credentials",
      { origins: [APP], credentials: true, exposeHeaders: '*' },
      'exposeHeaders',
      'wildcard-expose-with-credentials',
      'list the headers scripts need',
    ],
    ['maxAge above a day', { origins: [APP], maxAge: 86401 }, 'maxAge', 'invalid-max-age', 'from 0 to 86400'],
    ['a negative maxAge', { origins: [APP], maxAge: -1 }, 'maxAge', 'invalid-max-age', 'from 0 to 86400'],
    ['a fractional maxAge', { origins: [APP], maxAge: 1.5 }, 'maxAge', 'invalid-max-age', 'whole number'],
    ['maxAge as a string', { origins: [APP], maxAge: '600' }, 'maxAge', 'invalid-max-age', 'whole number'],
    ['the retired privateNetwork', { origins: [APP], privateNetwork: true }, 'privateNetwork', 'retired-option', 'Local Network Access in Chrome 142'],
    ['the retired privateNetwork, even off', { origins: '*', privateNetwork: false }, 'privateNetwork', 'retired-option', 'no server header is involved'],
    ['preflightStatus 201', { origins: [APP], preflightStatus: 201 }, 'preflightStatus', 'invalid-preflight-status', '200 or 204'],
    ['credentials as a string', { origins: [APP], credentials: 'true' }, 'credentials', 'not-a-boolean', 'true or false'],
    ['onRefusal not a function', { origins: [APP], onRefusal: 'log' }, 'onRefusal', 'not-a-function', '(refusal) => void'],
    ['a hono/cors option name', { origin: APP }, 'origin', 'unknown-option', "Corsa calls it 'origins'"],
    ['an Express cors option name', { origins: [APP], allowedHeaders: ['x'] }, 'allowedHeaders', 'unknown-option', "Corsa calls it 'allowHeaders'"],
    ['a typo', { origins: [APP], maxAgeSeconds: 5 }, 'maxAgeSeconds', 'unknown-option', 'the options are origins, credentials'],
    // Object.prototype's names are not other libraries' names (the table is a plain object).
    ['a name Object.prototype has', { origins: [APP], toString: 5 }, 'toString', 'unknown-option', 'the options are origins, credentials'],
    ['options that are not an object', 'https://app.example', 'options', 'options-not-object', "{ origins: ['https://app.example.com'] }"],
  ])('refuses %s', (_, options, path, code, fix) => {
    const issues = issuesOf(options);
    expect(issues).toContainEqual(expect.objectContaining({ path, code }));
    expect(issues.find((issue) => issue.code === code)?.message).toContain(fix);
  });

  it('accepts http://localhost, loopback and *.localhost with credentials', () => {
    expect(() =>
      createCorsPolicy({ origins: ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://*.localhost:*'], credentials: true }),
    ).not.toThrow();
  });

  it('accepts plain http with credentials when explicitly tolerated', () => {
    expect(() => createCorsPolicy({ origins: ['http://intranet.example'], credentials: true, dangerouslyAllowInsecureOrigins: true })).not.toThrow();
  });

  it('accepts a wildcard under a shared suffix without credentials', () => {
    expect(() => createCorsPolicy({ origins: ['https://*.github.io'] })).not.toThrow();
  });

  it('accepts non-http schemes such as browser extensions and app shells', () => {
    expect(() =>
      createCorsPolicy({ origins: ['chrome-extension://abcdefghijklmnop', 'capacitor://localhost', 'tauri://localhost'], credentials: true }),
    ).not.toThrow();
  });

  it('explains why browsers refuse * with credentials and what to write instead', () => {
    const [issue] = issuesOf({ origins: '*', credentials: true });
    expect(issue?.message).toMatch(/browsers refuse credentialed responses that carry 'Access-Control-Allow-Origin: \*'/);
    expect(issue?.message).toContain("origins: ['https://app.example.com']");
  });
});

describe('createCorsPolicy reports every problem at once', () => {
  it('collects all issues of a bad configuration into one CorsConfigError', () => {
    const issues = issuesOf({
      origins: ['https://a.example/', 'null', 'https://B.example'],
      credentials: true,
      methods: ['TRACE'],
      allowHeaders: ['Cookie'],
      exposeHeaders: '*',
      maxAge: 1e9,
      preflightStatus: 500,
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'origins[0]',
      'origins[1]',
      'origins[2]',
      'exposeHeaders',
      'methods[0]',
      'allowHeaders[0]',
      'maxAge',
      'preflightStatus',
    ]);
  });

  it('lists each issue in the error message', () => {
    expect(() => createCorsPolicy({ origins: ['https://a.example/'], maxAge: -5 })).toThrow(
      /Invalid CORS configuration \(2 problems\):\n {2}- origins\[0\]: .*\[origin-trailing-slash\]\n {2}- maxAge: .*\[invalid-max-age\]/,
    );
  });
});

describe('normalisation and immutability', () => {
  it('normalises lists: de-duplicated, header names lower-cased, the six methods upper-cased', () => {
    const policy = createCorsPolicy({
      origins: [APP, APP, 'https://*.b.example'],
      methods: ['get', 'PATCH', 'Patch', 'put', 'GET'],
      allowHeaders: ['X-Trace', 'x-trace', 'Content-Type'],
      exposeHeaders: ['X-Request-Id'],
    });
    expect(optionsOf(policy).origins).toEqual([APP, 'https://*.b.example']);
    expect(optionsOf(policy).methods).toEqual(['GET', 'PATCH', 'Patch', 'PUT']);
    expect(optionsOf(policy).allowHeaders).toEqual(['x-trace', 'content-type']);
    expect(optionsOf(policy).exposeHeaders).toEqual(['x-request-id']);
  });

  it('normalising twice equals normalising once', () => {
    const once = createCorsPolicy({ origins: [APP, APP], methods: ['put', 'PATCH'], allowHeaders: ['X-A', 'x-a'], maxAge: 10, credentials: true });
    const twice = createCorsPolicy(optionsOf(once) as never);
    expect(optionsOf(twice)).toEqual(optionsOf(once));
  });

  it('fills the defaults', () => {
    expect(optionsOf(createCorsPolicy({ origins: [APP] }))).toEqual({
      origins: [APP],
      credentials: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowHeaders: '*',
      exposeHeaders: [],
      maxAge: undefined,
      preflightStatus: 204,
      debug: false,
      predicateTimeout: undefined,
      dangerouslyAllowInsecureOrigins: false,
      onRefusal: undefined,
    });
    expect(optionsOf(createCorsPolicy({ origins: () => true })).predicateTimeout).toBe(5000);
  });

  it('reads only the options’ own properties: a polluted Object.prototype changes nothing', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.credentials = true;
    proto.exposeHeaders = '*';
    try {
      const policy = createCorsPolicy({ origins: [APP] });
      expect(optionsOf(policy).credentials).toBe(false);
      expect(optionsOf(policy).exposeHeaders).toEqual([]);
    } finally {
      delete proto.credentials;
      delete proto.exposeHeaders;
    }
  });

  it('refuses an option inherited from another prototype instead of ignoring it', () => {
    const options = { origins: [APP], __proto__: { credentials: true } };
    expectIssue(options, 'credentials', 'inherited-option', '{ ...defaults, credentials: … }');
  });

  it.each([
    [{ origins: () => true, predicateTimeout: 0 }, 'invalid-predicate-timeout'],
    [{ origins: () => true, predicateTimeout: 1.5 }, 'invalid-predicate-timeout'],
    [{ origins: [APP], predicateTimeout: 100 }, 'predicate-timeout-without-predicate'],
  ])('checks predicateTimeout: %o', (options, code) => {
    expectIssue(options, 'predicateTimeout', code, '');
  });

  it('does not alias the caller’s arrays: mutating the options afterwards changes nothing', () => {
    const origins = [APP];
    const methods = ['PUT'];
    const allowHeaders = ['x-a'];
    const options = { origins, methods, allowHeaders };
    const policy = createCorsPolicy(options);
    origins.push('https://evil.example');
    methods.push('DELETE');
    allowHeaders.push('x-b');
    (options as { origins: unknown }).origins = '*';
    expect(optionsOf(policy).origins).toEqual([APP]);
    expect(optionsOf(policy).methods).toEqual(['PUT']);
    expect(optionsOf(policy).allowHeaders).toEqual(['x-a']);
  });

  it('is frozen all the way down', () => {
    const policy = createCorsPolicy({ origins: [APP] });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(optionsOf(policy))).toBe(true);
    expect(Object.isFrozen(optionsOf(policy).origins)).toBe(true);
    expect(Object.isFrozen(optionsOf(policy).methods)).toBe(true);
    expect(() => (optionsOf(policy).origins as string[]).push('https://evil.example')).toThrow(TypeError);
  });
});

// biome-ignore lint/complexity/useArrowFunction: the function form must be caught too.
const functionForm = function (_o: string, _r: Request) {
  return true;
};

describe('always-true predicates with credentials: asked about an origin no site can have', () => {
  const SOURCES: [string, (origin: string, request: Request) => boolean][] = [
    ['(origin, request) => true', (_origin, _request) => true],
    [
      '() => { return true; }',
      () => {
        return true;
      },
    ],
    ['function (o, r) { return true }', functionForm],
    ['o => Boolean(o)', (o) => Boolean(o)],
    ['a deny-list: o => !o.includes("evil")', (o) => !o.includes('evil')],
    ['a scheme check: o => o.startsWith("https://")', (o) => o.startsWith('https://')],
  ];

  it.each(SOURCES)('refuses %s at start-up', (_, origins) => {
    expectIssue(
      { origins, credentials: true },
      'origins',
      'always-true-predicate-with-credentials',
      "answers true for 'https://corsa-always-true-probe.invalid'",
    );
  });

  it('accepts predicates that check the origin, and any predicate without credentials', () => {
    expect(() => createCorsPolicy({ origins: (o) => o === APP, credentials: true })).not.toThrow();
    expect(() => createCorsPolicy({ origins: (o) => o.endsWith('.app.example'), credentials: true })).not.toThrow();
    expect(() => createCorsPolicy({ origins: () => true })).not.toThrow();
  });

  it('refuses a predicate that throws on the probe instead of answering false (a DNS check may say true for every name that resolves)', () => {
    expectIssue(
      {
        origins: (o: string) => {
          if (o.endsWith('.invalid')) throw new Error('no such host');
          return true;
        },
        credentials: true,
      },
      'origins',
      'predicate-threw-on-probe',
      'return false for an origin you do not know rather than throwing',
    );
  });

  it.each([
    ['every http: origin (which would also defeat the insecure-origin rule)', (o: string) => o.startsWith('http://'), 'http://corsa-always-true-probe.invalid'],
    ['every short origin', (o: string) => o.length < 30, 'https://a.invalid'],
    ['every name under an ICANN top-level domain', (o: string) => !o.endsWith('.invalid'), 'https://corsa-always-true-probe.arpa'],
  ])('asks more than one question: refuses a predicate true for %s', (_, origins, allowed) => {
    expectIssue({ origins, credentials: true }, 'origins', 'always-true-predicate-with-credentials', `answers true for '${allowed}'`);
  });

  it('asks from a request on another origin: a predicate allowing same-origin callers is not always true', () => {
    const sameOrigin = (origin: string, request: Request) => origin === new URL(request.url).origin || origin === APP;
    expect(() => createCorsPolicy({ origins: sameOrigin, credentials: true })).not.toThrow();
  });

  it('asks a predicate once, however many policies are compiled with it', () => {
    let calls = 0;
    const origins = (o: string) => (calls++, o === APP);
    createCorsPolicy({ origins, credentials: true });
    const asked = calls;
    createCorsPolicy({ origins, credentials: true, debug: true });
    createCorsPolicy({ origins, credentials: true, maxAge: 60 });
    expect(asked).toBe(4);
    expect(calls).toBe(asked);
  });
});

describe('lists: * is the whole value or refused, protocol headers are refused, whitespace is named', () => {
  it.each([
    ["methods: ['GET', '*']", { origins: [APP], methods: ['GET', '*'] }, 'methods[1]', 'wildcard-in-method-list', { path: 'methods', value: '*' }],
    [
      "allowHeaders: ['x-a', '*']",
      { origins: [APP], allowHeaders: ['x-a', '*'] },
      'allowHeaders[1]',
      'wildcard-in-header-list',
      { path: 'allowHeaders', value: '*' },
    ],
    [
      "exposeHeaders: ['*'] with credentials",
      { origins: [APP], credentials: true, exposeHeaders: ['x-id', '*'] },
      'exposeHeaders[1]',
      'wildcard-in-header-list',
      { path: 'exposeHeaders', value: ['x-id'] },
    ],
    [
      "allowHeaders: ['Access-Control-Allow-Origin']",
      { origins: [APP], allowHeaders: ['Content-Type', 'Access-Control-Allow-Origin'] },
      'allowHeaders[1]',
      'cors-header-in-list',
      { path: 'allowHeaders', value: ['content-type'] },
    ],
    [
      "exposeHeaders: ['Access-Control-Request-Method']",
      { origins: [APP], exposeHeaders: ['Access-Control-Request-Method'] },
      'exposeHeaders[0]',
      'cors-header-in-list',
      { path: 'exposeHeaders', value: [] },
    ],
    [
      "exposeHeaders: ['Origin']",
      { origins: [APP], exposeHeaders: ['Origin'] },
      'exposeHeaders[0]',
      'request-header-in-expose',
      { path: 'exposeHeaders', value: [] },
    ],
    ["allowHeaders: ['x\\n']", { origins: [APP], allowHeaders: ['x\n'] }, 'allowHeaders[0]', 'whitespace', { path: 'allowHeaders', value: ['x'] }],
    ["methods: ['PUT\\n']", { origins: [APP], methods: ['PUT\n'] }, 'methods[0]', 'whitespace', { path: 'methods', value: ['PUT'] }],
    ["origins: ['https://a.example\\n']", { origins: ['https://a.example\n'] }, 'origins[0]', 'whitespace', { path: 'origins', value: ['https://a.example'] }],
    ["methods: ['GET', '']", { origins: [APP], methods: ['GET', ''] }, 'methods[1]', 'empty-element', { path: 'methods', value: ['GET'] }],
  ])('%s', (_, options, path, code, fix) => {
    expect(issuesOf(options)).toContainEqual(expect.objectContaining({ path, code, fix }));
  });

  it('names the whitespace and where it is', () => {
    expect(issuesOf({ origins: ['https://a.example\n'] })[0]?.message).toBe("'https://a.example\\n' has a line feed at the end; write 'https://a.example'.");
    expect(issuesOf({ origins: [' https://a.example'] })[0]?.message).toContain('has a space at the start');
    expect(issuesOf({ origins: ['https://a.example https://b.example'] })[0]).toMatchObject({
      message: "'https://a.example https://b.example' has a space inside; write 'https://a.example', 'https://b.example'.",
      fix: { path: 'origins', value: ['https://a.example', 'https://b.example'] },
    });
  });
});

describe('fixes that work the first time: every problem of a value normalised at once', () => {
  it.each([
    ['https://App.Example.com:443/path', 'https://app.example.com'],
    ['HTTPS://APP.EXAMPLE.COM/', 'https://app.example.com'],
    ['app.example.com', 'https://app.example.com'],
    ['localhost:5173', 'http://localhost:5173'],
    ['https://*.Example.com:443', 'https://*.example.com'],
    ['http://Localhost:*/', 'http://localhost:*'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
    ['https://app.example.com ', 'https://app.example.com'],
  ])('%j → %j', (written, fixed) => {
    const issues = issuesOf({ origins: [written] });
    expect(issues[0]?.fix).toEqual({ path: 'origins', value: [fixed] });
    expect(issues[0]?.message).toContain(`write '${fixed}'`);
    expect(() => createCorsPolicy({ origins: [fixed] })).not.toThrow();
  });

  it('an http origin with credentials is fixed to https in the same round', () => {
    expect(issuesOf({ origins: ['HTTP://App.Example.com/'], credentials: true })[0]?.fix).toEqual({ path: 'origins', value: ['https://app.example.com'] });
  });

  it('offers no fix where only a person can choose', () => {
    expect(issuesOf({ origins: ['https://*.github.io'], credentials: true })[0]?.fix).toBeUndefined();
    expect(issuesOf({ origins: ['https://a.*.example'] })[0]?.fix).toBeUndefined();
  });
});

describe('loopback names with a trailing dot are loopback (Secure Contexts)', () => {
  it('accepts http://localhost., http://*.localhost. and http://*.localhost.:* with credentials', () => {
    expect(() =>
      createCorsPolicy({ origins: ['http://localhost.', 'http://*.localhost.', 'http://*.localhost.:*', 'http://localhost.:5173'], credentials: true }),
    ).not.toThrow();
  });
});
