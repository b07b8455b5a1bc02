// The Fetch standard's CORS checks, as a browser that follows the standard runs them
// (fetch.spec.whatwg.org: §2.2.2 CORS-safelisted request-header, §3.2 CORS protocol,
// §4.4 HTTP-redirect fetch, §4.8 CORS-preflight fetch, §4.9 CORS check). It is the oracle
// of Corsa's test suites and the judge of `corsa check`, so it shares no code with Corsa:
// it is written from the standard. What each engine does differently is engine-facts.ts.
//
// Every check returns a failure (what went wrong, in the standard's terms) or undefined.

export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/** The CORS check (§4.9), run on every response to a CORS request, preflights included. */
export type CorsCheckKind = 'no-allow-origin' | 'allow-origin-mismatch' | 'multiple-allow-origin' | 'wildcard-with-credentials' | 'credentials-not-allowed';

/** Every way a cross-origin fetch() fails at CORS, as `corsa check` names them. */
export type FailureKind =
  | CorsCheckKind
  | 'preflight-status'
  | 'preflight-redirect'
  | 'invalid-allow-methods'
  | 'invalid-allow-headers'
  | 'method-not-allowed'
  | 'header-not-allowed'
  | 'redirect-with-credentials'
  | 'redirect-not-http'
  | 'too-many-redirects'
  /** The response is one browsers refuse before any CORS check (a NUL byte in a header value). */
  | 'network-error';

export interface CheckFailure {
  readonly kind: FailureKind;
  /** A sentence in the standard's terms. */
  readonly reason: string;
  /** The header value at fault, as received (`''` for an absent one where that matters). */
  readonly value?: string;
  /** The request header name at fault, as the script wrote it. */
  readonly header?: string;
  /** The first item of an `Access-Control-Allow-Methods/-Headers` list that is not a token. */
  readonly invalidItem?: string;
}

const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);
/** Methods fetch() upper-cases when written in any case (§2.2.1 normalize a method). */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const SAFELISTED_RESPONSE_HEADERS = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Request headers a script can never set (§2.2.2 forbidden request-header), lower case. */
const FORBIDDEN_REQUEST_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** HTTP: is `text` a token (what a method and a header name must be)? */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** Fetch: a CORS-safelisted method (GET, HEAD, POST), which never needs a preflight's permission. */
export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED_METHODS.has(method);
}

/** Fetch: normalize a method (the six common ones upper-cased, any other kept as written). */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

/** Fetch: a forbidden method (fetch() throws a TypeError). */
export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.has(method.toUpperCase());
}

/**
 * Fetch: a header value normalized — leading and trailing HTTP whitespace (tab, LF, CR,
 * space) removed. Not JavaScript's trim(), which also removes \v, \f and Unicode spaces
 * that a browser keeps (and that make `text/plain\v` need a preflight).
 */
export const normalizeHeaderValue = (value: string): string => value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');

/** Fetch "get, decode, and split": each item loses leading and trailing HTTP tab or space only. */
const stripTabOrSpace = (value: string): string => value.replace(/^[\t ]+|[\t ]+$/g, '');

/** Fetch: a forbidden request-header (the browser drops it, or fetch() never sends it). */
export function isForbiddenRequestHeader(name: string, value = ''): boolean {
  const lower = name.toLowerCase();
  if (FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) return true;
  if (lower === 'x-http-method' || lower === 'x-http-method-override' || lower === 'x-method-override') {
    return value.split(',').some((method) => isForbiddenMethod(stripTabOrSpace(method)));
  }
  return false;
}

/** Bytes that make a header value unsafe (§2.2.2 CORS-unsafe request-header byte). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the standard's list includes control bytes
const UNSAFE_BYTE = /[\x00-\x08\x0a-\x1f"():<>?@[\\\]{}\x7f]/;

/** Fetch §2.2.2: is (name, value) a CORS-safelisted request-header? */
function isSafelisted(name: string, value: string): boolean {
  if (value.length > 128) return false;
  switch (name) {
    case 'accept':
      return !UNSAFE_BYTE.test(value);
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
    case 'content-type': {
      if (UNSAFE_BYTE.test(value)) return false;
      const essence = normalizeHeaderValue(value.split(';')[0] ?? '').toLowerCase();
      return SIMPLE_CONTENT_TYPES.has(essence);
    }
    case 'range':
      return (
        /^bytes=\d+-\d*$/.test(value) &&
        (() => {
          const [start, end] = value.slice(6).split('-');
          return end === '' || Number(start) <= Number(end);
        })()
      );
    default:
      return false;
  }
}

/** Fetch: CORS-unsafe request-header names, lower case, sorted, unique (what a preflight asks for). */
export function corsUnsafeHeaderNames(headers: Record<string, string>): string[] {
  const unsafe = new Set<string>();
  let safelistedBytes = 0;
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (isSafelisted(name, value)) safelistedBytes += value.length;
    else unsafe.add(name);
  }
  if (safelistedBytes > 1024) for (const name of Object.keys(headers)) unsafe.add(name.toLowerCase());
  return [...unsafe].sort();
}

/** Fetch: does this request need a CORS preflight? */
export function needsPreflight(method: string, headers: Record<string, string>): boolean {
  return !SAFELISTED_METHODS.has(method) || corsUnsafeHeaderNames(headers).length > 0;
}

/** Why a request needs a preflight, for people (undefined when it needs none). */
export function whyPreflight(method: string, headers: Record<string, string>): string | undefined {
  const reasons: string[] = [];
  if (!SAFELISTED_METHODS.has(method)) reasons.push(`${method} is not GET, HEAD or POST`);
  const unsafe = corsUnsafeHeaderNames(headers);
  if (unsafe.length > 0)
    reasons.push(`${unsafe.join(', ')} ${unsafe.length === 1 ? 'is not a' : 'are not'} CORS-safelisted request header${unsafe.length === 1 ? '' : 's'}`);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** Fetch: "extract header list values" for a comma list of tokens, or the first item that is not a token. */
function extractList(value: string | null): { items: string[] } | { invalid: string } {
  if (value === null) return { items: [] };
  const items = value.split(',').map(stripTabOrSpace);
  const invalid = items.find((item) => item !== '' && !TOKEN.test(item));
  return invalid === undefined ? { items: items.filter((item) => item !== '') } : { invalid };
}

/** Fetch §4.9 CORS check: `origin` is the request's serialized origin (`null` once tainted). */
export function corsCheck(origin: string, credentials: CredentialsMode, headers: Headers): CheckFailure | undefined {
  const allowOrigin = headers.get('access-control-allow-origin');
  if (allowOrigin === null) return { kind: 'no-allow-origin', reason: "no 'Access-Control-Allow-Origin' header is present" };
  if (credentials !== 'include' && allowOrigin === '*') return undefined;
  if (allowOrigin !== origin) {
    if (allowOrigin === '*') {
      return {
        kind: 'wildcard-with-credentials',
        value: '*',
        reason: "'Access-Control-Allow-Origin' must not be the wildcard '*' when the request's credentials mode is 'include'",
      };
    }
    // Two header lines arrive combined as "a, b"; one origin never contains ", ".
    if (allowOrigin.includes(',')) {
      return {
        kind: 'multiple-allow-origin',
        value: allowOrigin,
        reason: `'Access-Control-Allow-Origin' holds several values ('${allowOrigin}'); exactly one is allowed`,
      };
    }
    return {
      kind: 'allow-origin-mismatch',
      value: allowOrigin,
      reason: `'Access-Control-Allow-Origin' is '${allowOrigin}', not the request's origin '${origin}'`,
    };
  }
  if (credentials !== 'include') return undefined;
  const allowCredentials = headers.get('access-control-allow-credentials');
  if (allowCredentials !== 'true') {
    return {
      kind: 'credentials-not-allowed',
      value: allowCredentials ?? '',
      reason: `'Access-Control-Allow-Credentials' is ${allowCredentials === null ? 'absent' : `'${allowCredentials}'`}; it must be 'true' when the request's credentials mode is 'include'`,
    };
  }
  return undefined;
}

/** What a preflight asks about: the actual request's method, headers and credentials mode. */
export interface PreflightQuestion {
  readonly origin: string;
  readonly method: string;
  /** The request's headers, names as the script wrote them. */
  readonly headers: Record<string, string>;
  readonly credentials: CredentialsMode;
}

/** Where engines deviate from the standard in the preflight's verdict (engine-facts.ts). */
export interface PreflightDeviations {
  /** `Access-Control-Allow-Headers: *` covers `Authorization` (the standard says it never does). */
  readonly wildcardCoversAuthorization?: boolean;
  /**
   * The order of the response checks, which decides the failure reported when several
   * apply (the verdict is the same): `redirect` fails a 3xx, `status` any non-2xx, `cors`
   * is the CORS check. The standard's order is `cors`, then `status`.
   */
  readonly order?: readonly ('redirect' | 'status' | 'cors')[];
}

const STANDARD_ORDER = ['cors', 'status'] as const;

/** Fetch §4.8 CORS-preflight fetch, the checks on the response. */
export function preflightCheck(question: PreflightQuestion, status: number, headers: Headers, deviations: PreflightDeviations = {}): CheckFailure | undefined {
  for (const step of deviations.order ?? STANDARD_ORDER) {
    if (step === 'cors') {
      const cors = corsCheck(question.origin, question.credentials, headers);
      if (cors) return cors;
    } else if (step === 'redirect' && status >= 300 && status <= 399) {
      return { kind: 'preflight-redirect', reason: `the preflight was answered with a redirect (${status}); a preflight never follows one` };
    } else if (step === 'status' && (status < 200 || status > 299)) {
      return { kind: 'preflight-status', reason: `the preflight's status ${status} is not an ok status (200-299)` };
    }
  }
  const methodsValue = headers.get('access-control-allow-methods');
  const methodList = extractList(methodsValue);
  if ('invalid' in methodList) {
    return {
      kind: 'invalid-allow-methods',
      value: methodsValue ?? '',
      invalidItem: methodList.invalid,
      reason: `'Access-Control-Allow-Methods: ${methodsValue}' is not a comma list of methods`,
    };
  }
  const headersValue = headers.get('access-control-allow-headers');
  const headerList = extractList(headersValue);
  if ('invalid' in headerList) {
    return {
      kind: 'invalid-allow-headers',
      value: headersValue ?? '',
      invalidItem: headerList.invalid,
      reason: `'Access-Control-Allow-Headers: ${headersValue}' is not a comma list of header names`,
    };
  }
  const methods = methodList.items;
  const headerNames = headerList.items;
  const credentialed = question.credentials === 'include';
  const method = question.method;
  // Methods compare case-sensitively; `*` is a wildcard only without credentials.
  if (!SAFELISTED_METHODS.has(method) && !methods.includes(method) && (credentialed || !methods.includes('*'))) {
    return {
      kind: 'method-not-allowed',
      value: methodsValue ?? '',
      reason: `${method} is not in 'Access-Control-Allow-Methods'${methodsValue === null ? ' (absent)' : `: ${methodsValue}`}${methods.includes('*') ? " ('*' is literal with credentials)" : ''}`,
    };
  }
  const allowed = headerNames.map((name) => name.toLowerCase());
  const unsafe = corsUnsafeHeaderNames(question.headers);
  const asWritten = (lower: string) => Object.keys(question.headers).find((name) => name.toLowerCase() === lower) ?? lower;
  const wildcard = !credentialed && allowed.includes('*');
  const headerFailure = (name: string, why: string): CheckFailure => ({
    kind: 'header-not-allowed',
    header: asWritten(name),
    value: headersValue ?? '',
    reason: why,
  });
  if (unsafe.includes('authorization') && !allowed.includes('authorization') && !(wildcard && deviations.wildcardCoversAuthorization)) {
    return headerFailure('authorization', `authorization is not named in 'Access-Control-Allow-Headers'${wildcard ? " ('*' never covers Authorization)" : ''}`);
  }
  for (const name of unsafe) {
    if (!allowed.includes(name) && !wildcard) {
      return headerFailure(
        name,
        `${name} is not in 'Access-Control-Allow-Headers'${headersValue === null ? ' (absent)' : `: ${headersValue}`}${allowed.includes('*') ? " ('*' is literal with credentials)" : ''}`,
      );
    }
  }
  return undefined;
}

/** The response header names a script may read after a successful CORS check. */
export function exposedHeaderNames(headers: Headers, credentials: CredentialsMode): Set<string> {
  const exposed = new Set(SAFELISTED_RESPONSE_HEADERS);
  const list = extractList(headers.get('access-control-expose-headers'));
  const listed = 'items' in list ? list.items : [];
  for (const name of listed) {
    if (name === '*' && credentials !== 'include') {
      for (const key of headers.keys()) exposed.add(key);
    } else {
      exposed.add(name.toLowerCase());
    }
  }
  // Fetch: a forbidden response-header name is never exposed, whatever the list says.
  for (const forbidden of FORBIDDEN_RESPONSE_HEADERS) exposed.delete(forbidden);
  return exposed;
}

/** Fetch: the forbidden response-header names (a script never reads them). */
const FORBIDDEN_RESPONSE_HEADERS = ['set-cookie', 'set-cookie2'];

/** Fetch: the serialization of a URL's origin. */
export function originOf(url: string | URL): string {
  return new URL(url).origin;
}

/** Fetch §4.4: the redirect statuses. */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** What a redirect does to the request (§4.4 HTTP-redirect fetch), or the failure that stops it. */
export interface RedirectStep {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  /** The request's origin is now `null` (a cross-origin hop after the first). */
  readonly tainted: boolean;
}

/** Request-body headers a redirect that turns the method into GET removes. */
const REQUEST_BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

/**
 * Fetch §4.4 HTTP-redirect fetch for a CORS request: where the browser goes next, with
 * which method and headers, or a failure. `keepsAuthorization` is an engine deviation
 * (the standard removes Authorization on a cross-origin hop).
 */
export function followRedirect(
  current: { url: string; method: string; headers: Record<string, string>; tainted: boolean; pageOrigin: string },
  status: number,
  location: string | null,
  redirects: number,
  keepsAuthorization = false,
): RedirectStep | CheckFailure {
  if (location === null) return { kind: 'redirect-not-http', reason: `a ${status} without a Location header` };
  let next: URL;
  try {
    next = new URL(location, current.url);
  } catch {
    return { kind: 'redirect-not-http', value: location, reason: `the Location '${location}' is not a URL` };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    return { kind: 'redirect-not-http', value: location, reason: `the Location '${location}' is not an HTTP(S) URL` };
  if (redirects >= 20) return { kind: 'too-many-redirects', reason: 'more than 20 redirects' };
  if (next.username !== '' || next.password !== '') {
    return {
      kind: 'redirect-with-credentials',
      value: next.href,
      reason: `the Location '${next.href}' contains a username or password, which a CORS request never follows`,
    };
  }
  let method = current.method;
  const headers = { ...current.headers };
  if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
    method = 'GET';
    for (const name of Object.keys(headers)) if (REQUEST_BODY_HEADERS.includes(name.toLowerCase())) delete headers[name];
  }
  const crossOriginHop = originOf(current.url) !== next.origin;
  if (crossOriginHop && !keepsAuthorization) {
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
  }
  const tainted = current.tainted || (crossOriginHop && current.pageOrigin !== originOf(current.url));
  return { url: next.href, method, headers, tainted };
}

/**
 * Every problem of a preflight's answer, not only the first a browser reports (engines
 * check in different orders, so each may name another one): the CORS check, the status,
 * the methods and every header not allowed.
 */
export function preflightProblems(question: PreflightQuestion, status: number, headers: Headers, deviations: PreflightDeviations = {}): CheckFailure[] {
  const problems: CheckFailure[] = [];
  const cors = corsCheck(question.origin, question.credentials, headers);
  if (cors) problems.push(cors);
  if (status < 200 || status > 299) problems.push({ kind: 'preflight-status', reason: `the preflight's status ${status} is not an ok status (200-299)` });
  // The method and the header checks each on its own, as if the CORS check and the status had passed.
  const passing = new Headers(headers);
  passing.set('access-control-allow-origin', question.origin);
  passing.set('access-control-allow-credentials', 'true');
  const checksOnly = { ...deviations, order: [] };
  const method = preflightCheck({ ...question, headers: {} }, 204, passing, checksOnly);
  if (method) problems.push(method);
  if (method?.kind === 'invalid-allow-methods') return problems;
  for (const [name, value] of Object.entries(question.headers)) {
    const header = preflightCheck({ ...question, method: 'GET', headers: { [name]: value } }, 204, passing, checksOnly);
    if (header && !problems.some((problem) => problem.kind === header.kind && problem.header === header.header)) problems.push(header);
  }
  return problems;
}
