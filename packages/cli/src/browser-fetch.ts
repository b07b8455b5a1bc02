// A cross-origin fetch() walked the way a browser walks it: a preflight when the request
// needs one, the actual request, the CORS check on every response, redirects followed as
// the standard says (re-preflighted, origin tainted on a cross-origin hop). The transport
// is a parameter: `corsa check` sends over HTTP, the test suites call a handler in-process.
import { ENGINE_FACTS, type EngineName, type EngineProfile, STANDARD } from './engine-facts.js';
import {
  type CheckFailure,
  type CredentialsMode,
  corsCheck,
  corsUnsafeHeaderNames,
  exposedHeaderNames,
  followRedirect,
  isRedirectStatus,
  needsPreflight,
  preflightCheck,
} from './fetch-standard.js';

/** What a script asks `fetch()` to do, cross-origin. */
export interface BrowserRequest {
  /** The page's origin, sent as `Origin`. */
  readonly origin: string;
  readonly url: string;
  /** As the script wrote it, already normalized (request-spec.ts). Default GET. */
  readonly method?: string;
  /** Names as the script wrote them. */
  readonly headers?: Record<string, string>;
  readonly credentials?: CredentialsMode;
  /** The `Cookie` header the browser holds for the API, sent with credentials: 'include' only. */
  readonly cookie?: string;
  /** The body the script sends (UTF-8), never with GET or HEAD. */
  readonly body?: string;
}

export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The request body (UTF-8); none on a preflight. */
  readonly body?: string;
}

export interface Received {
  readonly status: number;
  /** Header lines with one name arrive combined (`a, b`), as browsers combine them. */
  readonly headers: Headers;
  /** Every header line as received, [name as spelled on the wire, value], when the sender kept them. */
  readonly lines?: readonly (readonly [string, string])[];
  /** Why browsers fail this response as a network error before any CORS check (a NUL byte in a header value); absent when they read it. */
  readonly networkError?: string;
}

export type Send = (request: SentRequest) => Promise<Received>;

export interface Exchange {
  readonly step: 'preflight' | 'actual';
  readonly request: SentRequest;
  readonly response: Received;
}

/** Where and why the fetch failed: everything an engine's console message mentions. */
export interface FailedStep extends CheckFailure {
  /** `redirect`: a redirect response failed the CORS check, or could not be followed. */
  readonly step: 'preflight' | 'actual' | 'redirect';
  /** The URL of the request whose response failed. */
  readonly url: string;
  /** The URL the script fetched (differs from `url` after redirects). */
  readonly firstUrl: string;
  /** The `Origin` the failing request carried (`null` once tainted by a cross-origin redirect). */
  readonly origin: string;
  /** The page's origin. */
  readonly pageOrigin: string;
  readonly status: number;
  /** The method of the request that failed (the preflight's question for a preflight). */
  readonly method: string;
  /** The headers the script's request carried at that step (names as written). */
  readonly requestHeaders: Record<string, string>;
  /** A redirect's target, resolved. */
  readonly location?: string;
  /** The name of each `Access-Control-Allow-Origin` line of the response, as spelled on the wire (Firefox counts some of them). */
  readonly allowOriginNames?: readonly string[];
}

export interface Walk {
  readonly allowed: boolean;
  readonly failure?: FailedStep;
  readonly exchanges: readonly Exchange[];
  /** The final response, when the script gets one. */
  readonly response?: Received;
  readonly preflighted: boolean;
  /** Response headers the script may read (lower case). */
  readonly exposed: ReadonlySet<string>;
}

/** Walks `request` as `engine` does (the standard when omitted). Throws only what `send` throws. */
export async function walkFetch(send: Send, request: BrowserRequest, engine?: EngineName): Promise<Walk> {
  const profile: EngineProfile = engine ? ENGINE_FACTS[engine] : STANDARD;
  const credentials = request.credentials ?? 'same-origin';
  const exchanges: Exchange[] = [];
  let current = { url: request.url, method: request.method ?? 'GET', headers: { ...request.headers }, tainted: false, pageOrigin: request.origin };
  let preflighted = false;
  const fail = (failure: CheckFailure, step: FailedStep['step'], origin: string, response: Received, extra: Partial<FailedStep> = {}): Walk => ({
    allowed: false,
    failure: {
      ...failure,
      step,
      url: current.url,
      firstUrl: request.url,
      origin,
      pageOrigin: request.origin,
      status: response.status,
      ...(response.lines
        ? { allowOriginNames: response.lines.map(([name]) => name).filter((name) => name.toLowerCase() === 'access-control-allow-origin') }
        : {}),
      method: current.method,
      requestHeaders: current.headers,
      ...extra,
    },
    exchanges,
    preflighted,
    exposed: new Set(),
  });
  for (let redirects = 0; ; redirects++) {
    const origin = current.tainted ? 'null' : request.origin;
    if (needsPreflight(current.method, current.headers)) {
      preflighted = true;
      const unsafe = corsUnsafeHeaderNames(current.headers);
      const sent: SentRequest = {
        method: 'OPTIONS',
        url: current.url,
        // Fetch §4.8: a CORS preflight carries `Accept: */*` (servers may check it, as WPT's do).
        headers: {
          accept: '*/*',
          origin,
          'access-control-request-method': current.method,
          ...(unsafe.length > 0 ? { 'access-control-request-headers': unsafe.join(',') } : {}),
        },
      };
      const response = await send(sent);
      exchanges.push({ step: 'preflight', request: sent, response });
      if (response.networkError) return fail(networkFailure(response.networkError), 'preflight', origin, response);
      const failure = preflightCheck(
        { origin, method: current.method, headers: current.headers, credentials },
        response.status,
        response.headers,
        profile.preflight,
      );
      if (failure) return fail(failure, 'preflight', origin, response, locationOf(response, current.url));
    }
    // The cookie goes only where a browser's jar would send it: the host it was given for,
    // never from https down to http (it may be Secure).
    const cookie = credentials === 'include' && request.cookie && jarSends(request.url, current.url) ? { cookie: request.cookie } : {};
    // The body goes with the request while a redirect keeps the method (307, 308), and
    // only to the URL's own origin: the user's data is not sent where they did not name
    // (CORS judges the request's method and headers, never its body).
    const body = request.body !== undefined && current.method === request.method && sameOrigin(request.url, current.url) ? { body: request.body } : {};
    // fetch() sends `Accept: */*` unless the script sets Accept.
    const accept = Object.keys(current.headers).some((name) => name.toLowerCase() === 'accept') ? {} : { accept: '*/*' };
    const sent: SentRequest = {
      method: current.method,
      url: current.url,
      headers: { ...accept, ...withoutSecretsAcross(current.headers, request.url, current.url), origin, ...cookie },
      ...body,
    };
    const response = await send(sent);
    exchanges.push({ step: 'actual', request: sent, response });
    if (response.networkError) return fail(networkFailure(response.networkError), 'actual', origin, response);
    const failure = corsCheck(origin, credentials, response.headers);
    if (isRedirectStatus(response.status)) {
      const location = locationOf(response, current.url);
      if (failure) return fail(failure, 'redirect', origin, response, location);
      const next = followRedirect(current, response.status, response.headers.get('location'), redirects, profile.keepsAuthorizationOnCrossOriginRedirect);
      if ('kind' in next) return fail(next, 'redirect', origin, response, location);
      current = { ...next, pageOrigin: request.origin };
      continue;
    }
    if (failure) return fail(failure, 'actual', origin, response);
    return { allowed: true, exchanges, response, preflighted, exposed: exposedHeaderNames(response.headers, credentials) };
  }
}

const networkFailure = (reason: string): CheckFailure => ({ kind: 'network-error', reason });

/** Whether a browser's cookie jar, holding a host-only cookie for `firstUrl`'s host, sends it to `url`. */
function jarSends(firstUrl: string, url: string): boolean {
  const first = new URL(firstUrl);
  const next = new URL(url);
  return first.hostname === next.hostname && !(first.protocol === 'https:' && next.protocol === 'http:');
}

/** Stands in for the user's Authorization value on a request to another origin than the one they named. */
export const AUTHORIZATION_PLACEHOLDER = 'corsa-placeholder (the real value is never sent to another origin)';

/**
 * An engine that keeps Authorization across a cross-origin redirect (WebKit) would send
 * the user's real credential to the new origin; the CLI finds out what that origin
 * answers with a placeholder instead (CORS judges the header's name, not its value).
 */
function withoutSecretsAcross(headers: Record<string, string>, firstUrl: string, url: string): Record<string, string> {
  if (sameOrigin(firstUrl, url)) return headers;
  const safe = { ...headers };
  for (const name of Object.keys(safe)) if (name.toLowerCase() === 'authorization') safe[name] = AUTHORIZATION_PLACEHOLDER;
  return safe;
}

function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}

/** A redirect's Location resolved against the request's URL, when there is one that parses. */
function locationOf(response: Received, base: string): { location?: string } {
  const location = response.headers.get('location');
  if (location === null) return {};
  try {
    return { location: new URL(location, base).href };
  } catch {
    return {};
  }
}
