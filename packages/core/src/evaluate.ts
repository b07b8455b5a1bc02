import type { CorsRefusalCheck } from './options.js';
import { type CorsPolicy, isMethodAllowed, type PolicyState, stateOf } from './policy.js';
import { askPredicate, type OriginVerdict } from './predicate.js';
import { alwaysTrueError, settleProbe, unsettledProbeError } from './predicate-probe.js';
import { REFUSAL_HEADER, refusedHeaderName, reportRefusal } from './refusal.js';
import { checkRequestedHeaders, HEADERS_OK } from './request-headers.js';
import { isToken, MAX_ORIGIN_LENGTH, scanOrigin } from './syntax.js';

/**
 * What `evaluateCors` answers: a `Response` for a CORS preflight (send it as it is; the
 * handler must not run), or `Headers` to merge into the handler's response with
 * `applyCors`.
 */
export type CorsAnswer = Response | Headers;

/** `evaluateCors`'s return type: a Promise only when the policy's predicate may return one. */
export type CorsResult<Async extends boolean> = Async extends true ? CorsAnswer | Promise<CorsAnswer> : CorsAnswer;

/**
 * Decides what a server must answer to `request` under `policy`. Reads only three request
 * headers (`Origin`, `Access-Control-Request-Method`, `-Headers`), never the body, and
 * never throws on any request.
 *
 * A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) gets a
 * `Response`:
 * - allowed: status `preflightStatus` (204), empty body, `Access-Control-Allow-Origin`
 *   (`*` or the request's origin), `Access-Control-Allow-Credentials: true` (with
 *   credentials), `Access-Control-Allow-Methods`, `Access-Control-Allow-Headers`,
 *   `Access-Control-Max-Age` (when set), and `Vary` naming the request headers the
 *   answer used;
 * - refused: 403, empty body, no `Access-Control-*` header, the same `Vary`, and in debug
 *   mode `Corsa-Refusal: <reason>`.
 *
 * Any other request gets `Headers` for its response:
 * - `origins: '*'`: `Access-Control-Allow-Origin: *` (+ `Access-Control-Expose-Headers`);
 * - allowed origin: `Access-Control-Allow-Origin: <origin>`, `Vary: Origin`,
 *   `Access-Control-Allow-Credentials: true` (with credentials), `Access-Control-Expose-Headers`;
 * - refused origin or no `Origin`: only `Vary: Origin` (+ `Corsa-Refusal` in debug mode).
 *
 * With an origins predicate that returns a Promise, the answer is a Promise.
 *
 * An origins predicate that throws, rejects, returns anything but `true` or `false`,
 * or does not settle within `predicateTimeout` milliseconds refuses that origin (fail
 * closed) and is reported to `onRefusal` with the error; `evaluateCors` itself never
 * throws or rejects because of it.
 */
export function evaluateCors<Async extends boolean>(policy: CorsPolicy<Async>, request: Request): CorsResult<Async>;
export function evaluateCors(policy: CorsPolicy, request: Request): CorsAnswer | Promise<CorsAnswer> {
  const state = stateOf(policy);
  const headers = request.headers;
  const origin = headers.get('origin');
  if (request.method === 'OPTIONS' && origin !== null) {
    const requestedMethod = headers.get('access-control-request-method');
    if (requestedMethod !== null) {
      const verdict = isOriginAllowed(state, origin, request);
      return verdict instanceof Promise
        ? verdict.then((settled) => answerPreflight(state, request, origin, requestedMethod, settled))
        : answerPreflight(state, request, origin, requestedMethod, verdict);
    }
  }
  if (state.anyOrigin) return headersFrom(state.anyOriginHeaders);
  if (origin === null) return headersFrom(VARY_ORIGIN);
  const verdict = isOriginAllowed(state, origin, request);
  return verdict instanceof Promise ? verdict.then((settled) => answerActual(state, request, origin, settled)) : answerActual(state, request, origin, verdict);
}

const VARY_ORIGIN = [['vary', 'Origin']] as const;

// `new Headers()` and one `set` per pair: in undici that costs a quarter of what a
// sequence initialiser (`new Headers(pairs)`) does, which converts every pair through WebIDL.
function headersFrom(pairs: readonly (readonly [string, string])[], into = new Headers()): Headers {
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as readonly [string, string];
    into.set(pair[0], pair[1]);
  }
  return into;
}

// `true` (allowed), `false` or a predicate failure (refused), or a Promise of it when the
// predicate returned one. The predicate only ever sees a syntactically valid, non-null
// origin; anything longer than an origin can be is refused before it is read.
function isOriginAllowed(state: PolicyState, origin: string, request: Request): OriginVerdict | Promise<OriginVerdict> {
  if (state.anyOrigin) return true;
  if (origin.length > MAX_ORIGIN_LENGTH) return false;
  if (state.matcher !== undefined) return state.matcher.matches(origin);
  if (scanOrigin(origin) < 0) return false;
  const probe = state.probe;
  if (probe !== undefined && probe.status !== 'safe') {
    // Credentials and a predicate not yet shown to refuse an impossible origin: fail closed until it is.
    if (probe.status === 'always-true') return { failure: 'always-true', error: alwaysTrueError() };
    return settleProbe(probe).then((): OriginVerdict | Promise<OriginVerdict> => {
      if (probe.status === 'safe') return isOriginAllowed(state, origin, request);
      if (probe.status === 'always-true') return { failure: 'always-true', error: alwaysTrueError() };
      return { failure: 'timed-out', error: unsettledProbeError(state.predicateTimeout) };
    });
  }
  return askPredicate(state.predicate as NonNullable<PolicyState['predicate']>, origin, request, state.predicateTimeout);
}

function answerActual(state: PolicyState, request: Request, origin: string, verdict: OriginVerdict): Headers {
  if (verdict === true) {
    const headers = new Headers();
    headers.set('access-control-allow-origin', origin);
    return headersFrom(state.allowedOriginHeaders, headers);
  }
  const headers = headersFrom(VARY_ORIGIN);
  // A same-origin request carries `Origin` too (POST, fetch with cors mode): it needs no
  // CORS headers and is not a refusal worth reporting.
  if (!isSameOrigin(request.url, origin)) {
    const reason = reportRefusal(state, request, origin, 'origin', '', false, verdict);
    if (reason !== undefined) headers.set(REFUSAL_HEADER, reason);
  }
  return headers;
}

function isSameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && url.charCodeAt(origin.length) === 0x2f; /* / */
}

function answerPreflight(state: PolicyState, request: Request, origin: string, method: string, verdict: OriginVerdict): Response {
  if (verdict !== true) return refusePreflight(state, request, origin, 'origin', '', verdict);
  // The length bound first: a megabyte of method is refused without being scanned.
  if (!isMethodAllowed(state, method) || !isToken(method)) return refusePreflight(state, request, origin, 'method', method);

  const requested = request.headers.get('access-control-request-headers');
  let allowHeaders = state.allowHeadersValue;
  if (requested !== null && (state.headers !== undefined || allowHeaders === undefined)) {
    const headersVerdict = checkRequestedHeaders(requested, state.headers, state.maxRequestHeadersLength);
    if (headersVerdict !== HEADERS_OK) {
      return refusePreflight(state, request, origin, 'header', refusedHeaderName(requested, headersVerdict));
    }
    // Reflection (any header, with credentials): the value was just checked to be a list
    // of tokens, so it is a valid header value. An empty list needs no answer.
    if (allowHeaders === undefined) allowHeaders = requested.trim() || undefined;
  }
  // Headers set on the response itself: handing a Headers object to the constructor
  // would copy every entry once more.
  const response = new Response(null, { status: state.preflightStatus });
  const headers = response.headers;
  headers.set('access-control-allow-origin', state.anyOrigin ? '*' : origin);
  if (state.credentials) headers.set('access-control-allow-credentials', 'true');
  headers.set('access-control-allow-methods', state.allowMethodsValue ?? method);
  if (allowHeaders !== undefined) headers.set('access-control-allow-headers', allowHeaders);
  if (state.maxAgeValue !== undefined) headers.set('access-control-max-age', state.maxAgeValue);
  if (state.preflightVary !== undefined) headers.set('vary', state.preflightVary);
  return response;
}

function refusePreflight(
  state: PolicyState,
  request: Request,
  origin: string,
  check: CorsRefusalCheck,
  detail: string | number,
  verdict: OriginVerdict = false,
): Response {
  const response = new Response(null, { status: 403 });
  if (state.preflightVary !== undefined) response.headers.set('vary', state.preflightVary);
  const reason = reportRefusal(state, request, origin, check, detail, true, verdict);
  if (reason !== undefined) response.headers.set(REFUSAL_HEADER, reason);
  return response;
}
