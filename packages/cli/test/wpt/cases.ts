// Cases transcribed from the browsers' conformance suite, web-platform-tests/wpt,
// fetch/api/cors/ (the files named in each case): the request each test's fetch() makes,
// what it asks of WPT's handler (handlers.ts: the same query parameters), and what WPT
// expects — the fetch() resolves or rejects with a TypeError, a preflight was or was not
// made, what the script can read. Every test of these files is here, by its WPT name,
// except the ones named below.
//
// Transcription choices, each where WPT's own machinery cannot apply:
// - WPT runs some tests from several hosts (same host other port, other subdomain, https);
//   `corsa check` sees a cross-origin request to a URL either way, so each runs against the
//   one local handler, under its WPT name.
// - `{page}` is the page's origin (WPT's HTTP_ORIGIN, served by the handler too), `{server}`
//   the handler's own origin (WPT's HTTP_REMOTE_ORIGIN: what the "origin KO" cases allow),
//   `{other}` the handler on another port (HTTP_ORIGIN_WITH_DIFFERENT_PORT), `{token}` a
//   fresh token; `{page@user:password}` is that origin with a username and password. In a
//   query each stands for its value percent-encoded; at the start of a path, for the origin
//   the request goes to.
// - Tests whose first request is same-origin ("same origin to cors", "from same origin to
//   remote") are not transcribed: `corsa check` judges cross-origin requests only.
// - cors-preflight-redirect's "Redirection N after preflight failed" rows are not transcribed:
//   their expected failure comes from WPT's stash refusing a second `put` of one token
//   (redirect.py, then preflight.py), not from a CORS rule — by the standard the redirect
//   after a successful preflight is followed and succeeds.
// - cors-filtering's `Content-Length` rows follow today's WPT and standard (a CORS-safelisted
//   response header since 2020): readable, also without Access-Control-Expose-Headers.
// - cors-multiple-origins follows today's WPT: several Access-Control-Allow-Origin lines
//   fail the CORS check, whatever they hold.

export interface WptCase {
  /** The WPT file, under fetch/api/cors/. */
  readonly file: string;
  /** The WPT test's name. */
  readonly name: string;
  /** Path and query on the handler server, with `{page}`, `{server}` and `{token}` to fill in. */
  readonly path: string;
  readonly method?: string;
  /** Request headers as the test's script sets them. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly credentials?: boolean;
  /** WPT's expectation: fetch() resolves (true) or rejects with a TypeError (false). */
  readonly allowed: boolean;
  /** `x-did-preflight` as WPT expects it: '1' a preflight came first, '0' none. */
  readonly didPreflight?: '0' | '1';
  /** `x-control-request-headers`: the Access-Control-Request-Headers the preflight carried ('' none). */
  readonly controlRequestHeaders?: string;
  /** Response headers the script reads, with the value it reads (null: not exposed to it). */
  readonly readable?: Readonly<Record<string, string | null>>;
}

type Headers = readonly (readonly [string, string])[];
const lower = (headers: Headers) => headers.map(([name]) => name.toLowerCase());

/** corspreflight.js's corsPreflight(): the server allows the method and headers, or nothing. */
function corsPreflight(file: string, name: string, method: string, allowed: boolean, headers: Headers = [], safeHeaders: Headers = [], prefix = ''): WptCase {
  let query = `${prefix}token={token}&max_age=0`;
  if (allowed) {
    query += `&allow_methods=${method}&control_request_headers`;
    if (headers.length > 0) query += `&allow_headers=${encodeURIComponent(lower(headers).join(' ,'))}`;
  }
  return {
    file,
    name,
    path: `/preflight?${query}`,
    method,
    headers: [...headers, ...safeHeaders],
    allowed,
    ...(allowed ? { didPreflight: '1' as const, controlRequestHeaders: lower(headers).sort().join(',') } : {}),
  };
}

const PREFLIGHT = 'cors-preflight.any.js';
const SEVERAL: Headers = [
  ['x-test-header1', 'allowedOrRefused'],
  ['x-test-header2', 'allowedOrRefused'],
  ['X-test-header3', 'allowedOrRefused'],
  ['x-test-header-b', 'allowedOrRefused'],
  ['x-test-header-D', 'allowedOrRefused'],
  ['x-test-header-C', 'allowedOrRefused'],
  ['x-test-header-a', 'allowedOrRefused'],
  ['Content-Type', 'allowedOrRefused'],
];
const SAFE: Headers = [
  ['Accept', '*'],
  ['Accept-Language', 'bzh'],
  ['Content-Language', 'eu'],
];

const corsPreflightCases: WptCase[] = [
  corsPreflight(PREFLIGHT, 'CORS [DELETE], server allows', 'DELETE', true),
  corsPreflight(PREFLIGHT, 'CORS [DELETE], server refuses', 'DELETE', false),
  corsPreflight(PREFLIGHT, 'CORS [PUT], server allows', 'PUT', true),
  corsPreflight(PREFLIGHT, 'CORS [PUT], server allows, check preflight has user agent', 'PUT', true, [], [], 'checkUserAgentHeaderInPreflight&'),
  corsPreflight(PREFLIGHT, 'CORS [PUT], server refuses', 'PUT', false),
  corsPreflight(PREFLIGHT, 'CORS [PATCH], server allows', 'PATCH', true),
  corsPreflight(PREFLIGHT, 'CORS [PATCH], server refuses', 'PATCH', false),
  corsPreflight(PREFLIGHT, 'CORS [NEW], server allows', 'NEW', true),
  corsPreflight(PREFLIGHT, 'CORS [NEW], server refuses', 'NEW', false),
  corsPreflight(PREFLIGHT, 'CORS [GET] [x-test-header: allowed], server allows', 'GET', true, [['x-test-header1', 'allowed']]),
  corsPreflight(PREFLIGHT, 'CORS [GET] [x-test-header: refused], server refuses', 'GET', false, [['x-test-header1', 'refused']]),
  corsPreflight(PREFLIGHT, 'CORS [GET] [several headers], server allows', 'GET', true, SEVERAL, SAFE),
  corsPreflight(PREFLIGHT, 'CORS [GET] [several headers], server refuses', 'GET', false, SEVERAL, SAFE),
  corsPreflight(PREFLIGHT, 'CORS [PUT] [several headers], server allows', 'PUT', true, SEVERAL, SAFE),
  corsPreflight(PREFLIGHT, 'CORS [PUT] [several headers], server refuses', 'PUT', false, SEVERAL, SAFE),
  corsPreflight(PREFLIGHT, 'CORS [PUT] [only safe headers], server allows', 'PUT', true, [], SAFE),
];

/** resources/not-cors-safelisted.json: each header needs a preflight, which allows it. */
const NOT_SAFELISTED: Headers = [
  ['accept', '"'],
  ['accept', '012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678'],
  ['accept-language', '\u0001'],
  ['accept-language', '@'],
  ['authorization', 'basics'],
  ['content-language', '\u0001'],
  ['content-language', '@'],
  ['content-type', 'text/html'],
  ['content-type', 'text/plain; long=0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901'],
  ['last-event-id', '"'],
  ['last-event-id', '012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678'],
  ['range', 'bytes 0-'],
  ['test', 'hi'],
];
const notSafelistedCases = NOT_SAFELISTED.map(([name, value]) =>
  corsPreflight('cors-preflight-not-cors-safelisted.any.js', `Need CORS-preflight for ${name}/${value} header`, 'GET', true, [[name, value]]),
);

/** cors-preflight-star.any.js's preflightTest(). */
function preflightStar(
  succeeds: boolean,
  withCredentials: boolean,
  allowMethod: string,
  allowHeader: string,
  useMethod: string,
  useHeader: readonly string[],
): WptCase {
  const query = `${withCredentials ? 'origin={page}&credentials&' : ''}allow_methods=${allowMethod}&allow_headers=${allowHeader}&`;
  const [headerName, headerValue] = useHeader;
  return {
    file: 'cors-preflight-star.any.js',
    name: `CORS that ${succeeds ? 'succeeds' : 'fails'} with credentials: ${withCredentials}; method: ${useMethod} (allowed: ${allowMethod}); header: ${useHeader.join(',')} (allowed: ${allowHeader})`,
    path: `/preflight?${query}`,
    method: useMethod,
    ...(headerName !== undefined ? { headers: [[headerName, headerValue ?? '']] } : {}),
    credentials: withCredentials,
    allowed: succeeds,
    ...(succeeds ? { readable: { 'x-origin': '{page}' } } : {}),
  };
}

const preflightStarCases: WptCase[] = [
  preflightStar(true, false, 'get', 'x-test', 'GET', ['X-Test', '1']),
  preflightStar(true, false, '*', 'x-test', 'SUPER', ['X-Test', '1']),
  preflightStar(true, false, '*', '*', 'OK', ['X-Test', '1']),
  preflightStar(false, true, '*', '*', 'OK', ['X-Test', '1']),
  preflightStar(false, true, '*', '', 'PUT', []),
  preflightStar(true, true, 'PUT', '*', 'PUT', []),
  preflightStar(false, true, 'get', '*', 'GET', ['X-Test', '1']),
  preflightStar(false, true, '*', '*', 'GET', ['X-Test', '1']),
  preflightStar(true, true, '*', '*', '*', ['*', '1']),
  preflightStar(false, true, 'put', '*', 'PUT', []),
];

const PREFLIGHT_STATUSES = [
  200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 501, 502, 503, 504, 505,
];
const preflightStatusCases: WptCase[] = PREFLIGHT_STATUSES.map((status) => {
  const ok = status >= 200 && status <= 299;
  return {
    file: 'cors-preflight-status.any.js',
    name: `Preflight answered with status ${status}`,
    path: `/preflight?token={token}&max_age=0&allow_headers=x-force-preflight&preflight_status=${status}`,
    headers: [['x-force-preflight', '']],
    allowed: ok,
    ...(ok ? { didPreflight: '1' as const } : {}),
  };
});

const responseValidationCases: WptCase[] = [
  ['Preflight response with bad Allow-Access-Control-Headers', `allow_headers=${encodeURIComponent('x-force-preflight,header name with space')}`],
  ['Preflight response with bad Allow-Access-Control-Methods', `allow_headers=x-force-preflight&allow_methods=${encodeURIComponent('Bad method name')}`],
].map(([name, query]) => ({
  file: 'cors-preflight-response-validation.any.js',
  name: name as string,
  path: `/preflight?token={token}&max_age=0&${query}`,
  headers: [['x-force-preflight', '']],
  allowed: false,
}));

const noPreflightCases: WptCase[] = (
  [
    ['Cross domain basic usage [GET]', 'GET'],
    ['Same domain different port [GET]', 'GET'],
    ['Cross domain different port [GET]', 'GET'],
    ['Cross domain different protocol [GET]', 'GET'],
    ['Same domain different protocol different port [GET]', 'GET'],
    ['Cross domain [POST]', 'POST'],
    ['Cross domain [HEAD]', 'HEAD'],
    ['Cross domain [GET] [Accept: */*]', 'GET', 'Accept', '*/*'],
    ['Cross domain [GET] [Accept-Language: fr]', 'GET', 'Accept-Language', 'fr'],
    ['Cross domain [GET] [Content-Language: fr]', 'GET', 'Content-Language', 'fr'],
    ['Cross domain [GET] [Content-Type: application/x-www-form-urlencoded]', 'GET', 'Content-Type', 'application/x-www-form-urlencoded'],
    ['Cross domain [GET] [Content-Type: multipart/form-data]', 'GET', 'Content-Type', 'multipart/form-data'],
    ['Cross domain [GET] [Content-Type: text/plain]', 'GET', 'Content-Type', 'text/plain'],
    ['Cross domain [GET] [Content-Type: text/plain;charset=utf-8]', 'GET', 'Content-Type', 'text/plain;charset=utf-8'],
    ['Cross domain [GET] [Content-Type: Text/Plain;charset=utf-8]', 'GET', 'Content-Type', 'Text/Plain;charset=utf-8'],
  ] as const
).map(([name, method, header, value]) => ({
  file: 'cors-no-preflight.any.js',
  name,
  path: '/preflight?token={token}&max_age=0',
  method,
  ...(header ? { headers: [[header, value]] as const } : {}),
  allowed: true,
  didPreflight: '0' as const,
}));

const originCases: WptCase[] = (
  [
    ['Cross domain different subdomain [origin OK]', 'GET', '{page}', true],
    ['Cross domain different subdomain [origin KO]', 'GET', '{server}', false],
    ['Same domain different port [origin OK]', 'GET', '{page}', true],
    ['Same domain different port [origin KO]', 'GET', '{server}', false],
    ['Cross domain different port [origin OK]', 'GET', '{page}', true],
    ['Cross domain different port [origin KO]', 'GET', '{server}', false],
    ['Cross domain different protocol [origin OK]', 'GET', '{page}', true],
    ['Cross domain different protocol [origin KO]', 'GET', '{server}', false],
    ['Same domain different protocol different port [origin OK]', 'GET', '{page}', true],
    ['Same domain different protocol different port [origin KO]', 'GET', '{server}', false],
    ['Cross domain [POST] [origin OK]', 'POST', '{page}', true],
    ['Cross domain [POST] [origin KO]', 'POST', '{server}', false],
    ['Cross domain [HEAD] [origin OK]', 'HEAD', '{page}', true],
    ['Cross domain [HEAD] [origin KO]', 'HEAD', '{server}', false],
    ['CORS preflight [PUT] [origin OK]', 'PUT', '{page}', true],
    ['CORS preflight [PUT] [origin KO]', 'PUT', '{server}', false],
    ['Allowed origin: "" [origin KO]', 'GET', '', false],
  ] as const
).map(([name, method, origin, allowed]) => ({
  file: 'cors-origin.any.js',
  name,
  path: `/preflight?token={token}&max_age=0&origin=${origin}&allow_methods=${method}`,
  method,
  allowed,
}));

const multipleOriginCases: WptCase[] = (
  [
    ['3 origins allowed, match the 3rd ({page})', ['""', 'http://example.com', '{page}']],
    ['3 origins allowed, match the 3rd ("*")', ['""', 'http://example.com', '*']],
    ['3 origins allowed, match twice ({page})', ['""', '{page}', '{page}']],
    ['3 origins allowed, match twice ("*")', ['*', 'http://example.com', '*']],
    ['3 origins allowed, match twice ("*" and {page})', ['*', 'http://example.com', '{page}']],
    ['3 origins allowed, no match', ['', 'http://example.com', 'https://example2.com']],
  ] as const
).map(([name, origins]) => ({
  file: 'cors-multiple-origins.sub.any.js',
  name,
  path: `/preflight?origin=${encodeURIComponent(origins.join(', ')).replace(/%7B(\w+)%7D/g, '{$1}')}`,
  allowed: false,
}));

/** A /top answer with these header lines. */
const top = (lines: Headers) => `/top?headers=${encodeURIComponent(JSON.stringify(lines)).replace(/%7B(\w+)%7D/g, '{$1}')}`;

const FILTERED: readonly (readonly [string, string, boolean])[] = [
  ['Cache-Control', 'no-cache', false],
  ['Content-Language', 'fr', false],
  ['Content-Type', 'text/html', false],
  ['Expires', '04 May 1988 22:22:22 GMT', false],
  ['Last-Modified', '04 May 1988 22:22:22 GMT', false],
  ['Pragma', 'no-cache', false],
  ['Content-Length', '0', false],
  ['Age', '27', true],
  ['Server', 'wptServe', true],
  ['Warning', 'Mind the gap', true],
  ['Set-Cookie', 'name=value', true],
  ['Set-Cookie2', 'name=value', true],
];
const EXPOSED_FILTERED: readonly (readonly [string, string, boolean])[] = [
  ['Age', '27', false],
  ['Server', 'wptServe', false],
  ['Warning', 'Mind the gap', false],
  ['Content-Length', '0', false],
  ['Set-Cookie', 'name=value', true],
  ['Set-Cookie2', 'name=value', true],
];
const filteringCases: WptCase[] = [
  ...FILTERED.map(([name, value, filtered]) => ({
    file: 'cors-filtering.sub.any.js',
    name: `CORS filter on ${name} header`,
    path: top([
      [name, value],
      ['Access-Control-Allow-Origin', '*'],
    ]),
    allowed: true,
    readable: { [name]: filtered ? null : value },
  })),
  ...EXPOSED_FILTERED.map(([name, value, forbidden]) => ({
    file: 'cors-filtering.sub.any.js',
    name: `CORS filter on ${name} header, header is exposed`,
    path: top([
      [name, value],
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Expose-Headers', name],
    ]),
    allowed: true,
    readable: { [name]: forbidden ? null : value },
  })),
];

const SHARED_EXPOSE: Headers = [
  ['Access-Control-Expose-Headers', '*'],
  ['Test', 'X'],
  ['Set-Cookie', 'X'],
  ['*', 'whoa'],
];
const exposeStarCases: WptCase[] = [
  {
    file: 'cors-expose-star.sub.any.js',
    name: 'Basic Access-Control-Expose-Headers: * support',
    path: top([...SHARED_EXPOSE, ['Access-Control-Allow-Origin', '*']]),
    allowed: true,
    readable: { test: 'X', 'set-cookie': null, '*': 'whoa' },
  },
  {
    file: 'cors-expose-star.sub.any.js',
    name: '* for credentialed fetches only matches literally',
    path: top([...SHARED_EXPOSE, ['Access-Control-Allow-Origin', '{page}'], ['Access-Control-Allow-Credentials', 'true']]),
    credentials: true,
    allowed: true,
    readable: { 'content-type': 'text/plain', test: null, 'set-cookie': null, '*': 'whoa' },
  },
  {
    file: 'cors-expose-star.sub.any.js',
    name: '* can be one of several values',
    path: top([
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Expose-Headers', '*'],
      ['Access-Control-Expose-Headers', 'set-cookie'],
      ['Test', 'X'],
      ['Set-Cookie', 'X'],
    ]),
    allowed: true,
    readable: { test: 'X', 'set-cookie': null },
  },
];

const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/** cors-redirect.any.js's corsRedirect(): a simple GET redirected, no preflight, Origin as the standard sets it. */
const redirectCases: WptCase[] = REDIRECT_STATUSES.flatMap((code) =>
  (
    [
      ['cors to same cors', '{server}', '{page}'],
      ['cors to another cors', '{other}', 'null'],
      ['cors to same origin', '{page}', 'null'],
    ] as const
  ).map(([what, target, expectedOrigin]) => ({
    file: 'cors-redirect.any.js',
    name: `Redirect ${code}: ${what}`,
    path: `/redirect?token={token}&max_age=0&redirect_status=${code}&location=${target}%2Fpreflight`,
    allowed: true,
    didPreflight: '0' as const,
    readable: { 'x-origin': expectedOrigin },
  })),
);

/** cors-redirect-credentials.any.js: a Location with a username or password is never followed. */
const redirectCredentialsCases: WptCase[] = REDIRECT_STATUSES.flatMap((code) =>
  (
    [
      ['from remote to same origin', '{page}'],
      ['from remote to same remote', '{server}'],
      ['from remote to another remote', '{other}'],
    ] as const
  ).flatMap(([what, target]) =>
    (
      [
        ['with user and password', 'user:password'],
        ['with user', 'user:'],
        ['with password', ':password'],
      ] as const
    ).map(([how, credentials]) => ({
      file: 'cors-redirect-credentials.any.js',
      name: `Redirect ${code} ${what} ${how}`,
      // The handler runs on {other} here (WPT's remoteRedirect is HTTP_ORIGIN_WITH_DIFFERENT_PORT).
      path: `{other}/redirect?redirect_status=${code}&location=${target.replace('}', `@${credentials}}`)}%2Fpreflight`,
      allowed: false,
    })),
  ),
);

/** cors-redirect-preflight.any.js: a preflighted request redirected is preflighted again at the new URL. */
const redirectPreflightCases: WptCase[] = REDIRECT_STATUSES.flatMap((code) =>
  (
    [
      ['cors to same origin', '{page}'],
      ['cors to another cors', '{other}'],
    ] as const
  ).flatMap(([what, target]) => [
    {
      file: 'cors-redirect-preflight.any.js',
      name: `Redirect ${code}: ${what} (preflight after redirection success case)`,
      path: `/redirect?token={token}&max_age=0&redirect_status=${code}&allow_headers=x-w3c&location=${target}%2Fpreflight%3Fallow_headers%3Dx-w3c`,
      headers: [['x-w3c', 'test']],
      allowed: true,
      didPreflight: '1' as const,
    },
    {
      file: 'cors-redirect-preflight.any.js',
      name: `Redirect ${code}: ${what} (preflight after redirection failure case)`,
      path: `/redirect?token={token}&max_age=0&redirect_status=${code}&location=${target}%2Fpreflight`,
      headers: [['x-w3c', 'test']],
      allowed: false,
    },
  ]),
);

/** cors-preflight-redirect.any.js: a preflight answered with a redirect fails (never followed). */
const preflightRedirectCases: WptCase[] = REDIRECT_STATUSES.map((code) => ({
  file: 'cors-preflight-redirect.any.js',
  name: `Redirection ${code} on preflight failed`,
  path: `/redirect?token={token}&max_age=0&redirect_status=${code}&location={server}%2Fpreflight&redirect_preflight&allow_headers=x-force-preflight`,
  headers: [['x-force-preflight', '']],
  allowed: false,
}));

export const WPT_CASES: readonly WptCase[] = [
  ...corsPreflightCases,
  ...notSafelistedCases,
  ...preflightStarCases,
  ...preflightStatusCases,
  ...responseValidationCases,
  ...noPreflightCases,
  ...originCases,
  ...multipleOriginCases,
  ...filteringCases,
  ...exposeStarCases,
  ...redirectCases,
  ...redirectCredentialsCases,
  ...redirectPreflightCases,
  ...preflightRedirectCases,
];
