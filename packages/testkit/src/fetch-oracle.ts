// A small Fetch-standard oracle: the checks a browser runs on CORS responses, written
// from the standard (fetch.spec.whatwg.org §3.2 "CORS protocol", §4.8 "CORS-preflight
// fetch", §4.9 "CORS check"). It judges responses the way a browser that follows the
// standard would; it shares no code with Corsa.

export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/** What a script asks `fetch()` to do, cross-origin. */
export interface BrowserRequest {
  /** The page's origin, sent as `Origin`. */
  origin: string;
  /** The API URL. Default `https://api.example/resource`. */
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  credentials?: CredentialsMode;
}

/** How a browser would end the fetch. */
export interface BrowserOutcome {
  ok: boolean;
  /** Why the browser refused (a network error), in the standard's terms. */
  failure?: string;
  /** Where a failure happened: at the preflight (the actual request was never sent) or after. */
  failedAt?: 'preflight' | 'actual';
  preflighted: boolean;
  /** The response the script sees (absent on a network error). */
  response?: Response;
  /** Lower-case names of response headers the script may read. */
  exposed: Set<string>;
}

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
const SAFELISTED_RESPONSE_HEADERS = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Fetch: CORS-unsafe request-header names, lower case, sorted, unique. */
export function corsUnsafeHeaderNames(headers: Record<string, string>): string[] {
  const unsafe = new Set<string>();
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (name === 'accept' || name === 'accept-language' || name === 'content-language') continue;
    if (name === 'content-type' && SIMPLE_CONTENT_TYPES.includes(value.split(';')[0]!.trim().toLowerCase())) continue;
    unsafe.add(name);
  }
  return [...unsafe].sort();
}

/** Fetch: does this request need a CORS preflight? */
export function needsPreflight(method: string, headers: Record<string, string>): boolean {
  return !SAFELISTED_METHODS.includes(method) || corsUnsafeHeaderNames(headers).length > 0;
}

/** Fetch: "extract header list values", or null on a parse failure. */
function extractList(value: string | null): string[] | null {
  if (value === null) return [];
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item !== '' && !TOKEN.test(item))) return null;
  return items.filter((item) => item !== '');
}

/** Fetch §4.9 CORS check; returns a failure reason or undefined on success. */
export function corsCheck(origin: string, credentials: CredentialsMode, response: Response): string | undefined {
  const allowOrigin = response.headers.get('access-control-allow-origin');
  if (allowOrigin === null) return "no 'Access-Control-Allow-Origin' header is present";
  if (credentials !== 'include' && allowOrigin === '*') return undefined;
  if (allowOrigin !== origin) {
    return allowOrigin === '*'
      ? "the value of 'Access-Control-Allow-Origin' must not be the wildcard '*' when the request's credentials mode is 'include'"
      : `'Access-Control-Allow-Origin' is '${allowOrigin}', not the request's origin '${origin}'`;
  }
  if (credentials !== 'include') return undefined;
  if (response.headers.get('access-control-allow-credentials') !== 'true') {
    return "'Access-Control-Allow-Credentials' must be 'true' when the request's credentials mode is 'include'";
  }
  return undefined;
}

/** Fetch §4.8 CORS-preflight fetch, steps after the response: failure reason or undefined. */
export function preflightCheck(request: Required<Omit<BrowserRequest, 'url'>>, response: Response): string | undefined {
  const cors = corsCheck(request.origin, request.credentials, response);
  if (cors) return `Response to preflight request doesn't pass access control check: ${cors}`;
  if (response.status < 200 || response.status > 299) return `preflight status ${response.status} is not an ok status`;
  const methods = extractList(response.headers.get('access-control-allow-methods'));
  const headerNames = extractList(response.headers.get('access-control-allow-headers'));
  if (methods === null || headerNames === null) return 'Access-Control-Allow-Methods/-Headers does not parse';
  if (methods.length === 0) methods.push(request.method); // use-CORS-preflight flag
  const credentialed = request.credentials === 'include';
  if (!methods.includes(request.method) && !SAFELISTED_METHODS.includes(request.method) && (credentialed || !methods.includes('*'))) {
    return `Method ${request.method} is not allowed by Access-Control-Allow-Methods in preflight response`;
  }
  const allowed = headerNames.map((name) => name.toLowerCase());
  const unsafe = corsUnsafeHeaderNames(request.headers);
  if (unsafe.includes('authorization') && !allowed.includes('authorization')) {
    return 'Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response';
  }
  for (const name of unsafe) {
    if (!allowed.includes(name) && (credentialed || !allowed.includes('*'))) {
      return `Request header field ${name} is not allowed by Access-Control-Allow-Headers in preflight response`;
    }
  }
  return undefined;
}

/** The response header names a script may read after a successful CORS check. */
export function exposedHeaderNames(response: Response, credentials: CredentialsMode): Set<string> {
  const exposed = new Set(SAFELISTED_RESPONSE_HEADERS);
  const listed = extractList(response.headers.get('access-control-expose-headers')) ?? [];
  for (const name of listed) {
    if (name === '*' && credentials !== 'include') {
      response.headers.forEach((_, key) => {
        if (key !== 'set-cookie') exposed.add(key);
      });
    } else {
      exposed.add(name.toLowerCase());
    }
  }
  return exposed;
}

/**
 * Runs a cross-origin `fetch()` the way a browser does against `serve`: a preflight when
 * one is needed (judged by the preflight check), then the actual request (judged by the
 * CORS check).
 */
export async function browserFetch(serve: (request: Request) => Promise<Response>, spec: BrowserRequest): Promise<BrowserOutcome> {
  const request = {
    origin: spec.origin,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    credentials: spec.credentials ?? 'same-origin',
  };
  const url = spec.url ?? 'https://api.example/resource';
  const preflighted = needsPreflight(request.method, request.headers);
  if (preflighted) {
    const preflightHeaders: Record<string, string> = {
      origin: request.origin,
      'access-control-request-method': request.method,
    };
    const unsafe = corsUnsafeHeaderNames(request.headers);
    if (unsafe.length > 0) preflightHeaders['access-control-request-headers'] = unsafe.join(',');
    const preflight = await serve(new Request(url, { method: 'OPTIONS', headers: preflightHeaders }));
    const failure = preflightCheck(request, preflight);
    if (failure) return { ok: false, failure, failedAt: 'preflight', preflighted, exposed: new Set() };
  }
  const response = await serve(
    new Request(url, {
      method: request.method,
      headers: { ...request.headers, origin: request.origin },
    }),
  );
  const failure = corsCheck(request.origin, request.credentials, response);
  if (failure) return { ok: false, failure, failedAt: 'actual', preflighted, exposed: new Set() };
  return { ok: true, preflighted, response, exposed: exposedHeaderNames(response, request.credentials) };
}
