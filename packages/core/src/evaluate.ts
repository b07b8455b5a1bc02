import type { CorsRefusalCheck } from './options.js';
import { type CorsPolicy, isMethodAllowed, type PolicyState, stateOf } from './policy.js';
import { askPredicate, type OriginVerdict } from './predicate.js';
import { alwaysTrueError, settleProbe, unprovenProbeError } from './predicate-probe.js';
import { REFUSAL_HEADER, refusedHeaderName, reportRefusal } from './refusal.js';
import { checkRequestedHeaders, HEADERS_OK } from './request-headers.js';
import { fetchRequestOf, type RequestRef } from './request-ref.js';
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
  const answer = evaluateCorsFrom(policy, request, request.method, request, readRequestHeader);
  return answer instanceof Promise ? answer.then(toPublicAnswer) : toPublicAnswer(answer);
}

/**
 * Reads one request header (`name` is lower case) from wherever the runtime keeps it,
 * or null when absent. A module-level function over a source object, so that reading
 * allocates nothing per request.
 */
export type CorsHeaderReader<Source> = (source: Source, name: string) => string | null;

/** The reader for a `Request`: its (native) `headers`. */
export function readRequestHeader(request: Request, name: string): string | null {
  return request.headers.get(name);
}

/**
 * The response headers of an actual (non-preflight) answer, as `[name, value]` pairs with
 * lower-case names: what `applyCorsList` writes. Immutable; may be shared between calls.
 */
export type CorsHeaderList = readonly (readonly [string, string])[];

/**
 * For adapters: `evaluateCors` reading the request's headers through `read(source, name)`
 * — Node's `IncomingMessage.headers`, say, so that `request.headers` is never built for
 * CORS alone — and only those it needs (`Origin`, then for an `OPTIONS` request
 * `Access-Control-Request-Method`, and for a preflight `-Headers`). An actual request's
 * answer is a `CorsHeaderList` rather than a `Headers` object. `request` (a `Request`, or
 * a `LazyRequest` that builds one on demand) is only read by a predicate, `onRefusal`
 * and the same-origin test (`request.url`). Same decisions, same headers as `evaluateCors`.
 */
export function evaluateCorsFrom<Source>(
  policy: CorsPolicy,
  request: RequestRef,
  method: string,
  source: Source,
  read: CorsHeaderReader<Source>,
): Response | CorsHeaderList | Promise<Response | CorsHeaderList> {
  const state = stateOf(policy);
  const origin = read(source, 'origin');
  if (method === 'OPTIONS' && origin !== null) {
    const requestedMethod = read(source, 'access-control-request-method');
    if (requestedMethod !== null) {
      const verdict = isOriginAllowed(state, origin, request);
      return verdict instanceof Promise
        ? verdict.then((settled) => answerPreflight(state, request, origin, requestedMethod, read(source, 'access-control-request-headers'), settled))
        : answerPreflight(state, request, origin, requestedMethod, read(source, 'access-control-request-headers'), verdict);
    }
  }
  if (state.anyOrigin) return state.anyOriginHeaders;
  if (origin === null) return VARY_ORIGIN;
  const verdict = isOriginAllowed(state, origin, request);
  return verdict instanceof Promise ? verdict.then((settled) => answerActual(state, request, origin, settled)) : answerActual(state, request, origin, verdict);
}

const VARY_ORIGIN: CorsHeaderList = Object.freeze([Object.freeze(['vary', 'Origin'] as const)]);

function toPublicAnswer(answer: Response | CorsHeaderList): CorsAnswer {
  return answer instanceof Response ? answer : headersFrom(answer);
}

// `new Headers()` and one `set` per pair: in undici that costs a quarter of what a
// sequence initialiser (`new Headers(pairs)`) does, which converts every pair through WebIDL.
function headersFrom(pairs: CorsHeaderList, into = new Headers()): Headers {
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as readonly [string, string];
    into.set(pair[0], pair[1]);
  }
  return into;
}

// `true` (allowed), `false` or a predicate failure (refused), or a Promise of it when the
// predicate returned one. The predicate only ever sees a syntactically valid, non-null
// origin; anything longer than an origin can be is refused before it is read.
function isOriginAllowed(state: PolicyState, origin: string, request: RequestRef): OriginVerdict | Promise<OriginVerdict> {
  if (state.anyOrigin) return true;
  if (origin.length > MAX_ORIGIN_LENGTH) return false;
  if (state.matcher !== undefined) return state.matcher.matches(origin);
  if (scanOrigin(origin) < 0) return false;
  const probe = state.probe;
  if (probe !== undefined && probe.status !== 'safe') {
    // Credentials and a predicate not yet shown to refuse an impossible origin: fail closed until it is.
    if (probe.status === 'always-true') return { failure: 'always-true', error: alwaysTrueError(probe) };
    return settleProbe(probe).then((): OriginVerdict | Promise<OriginVerdict> => {
      if (probe.status === 'safe') return isOriginAllowed(state, origin, request);
      if (probe.status === 'always-true') return { failure: 'always-true', error: alwaysTrueError(probe) };
      return { failure: 'unproven', error: unprovenProbeError(probe) };
    });
  }
  return askPredicate(state.predicate as NonNullable<PolicyState['predicate']>, origin, fetchRequestOf(request), state.predicateTimeout);
}

function answerActual(state: PolicyState, request: RequestRef, origin: string, verdict: OriginVerdict): CorsHeaderList {
  if (verdict === true) {
    // Built by index: a spread copies through the iterator protocol on some engines.
    const rest = state.allowedOriginHeaders;
    const list = new Array<readonly [string, string]>(rest.length + 1);
    list[0] = ['access-control-allow-origin', origin];
    for (let i = 0; i < rest.length; i++) list[i + 1] = rest[i] as readonly [string, string];
    return list;
  }
  // A same-origin request carries `Origin` too (POST, fetch with cors mode): it needs no
  // CORS headers and is not a refusal worth reporting.
  if (!isSameOrigin(request.url, origin)) {
    const reason = reportRefusal(state, request, origin, 'origin', '', false, verdict);
    if (reason !== undefined) return [VARY_ORIGIN[0] as readonly [string, string], [REFUSAL_HEADER, reason]];
  }
  return VARY_ORIGIN;
}

function isSameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && url.charCodeAt(origin.length) === 0x2f; /* / */
}

function answerPreflight(state: PolicyState, request: RequestRef, origin: string, method: string, requested: string | null, verdict: OriginVerdict): Response {
  if (verdict !== true) return refusePreflight(state, request, origin, 'origin', '', verdict);
  // The length bound first: a megabyte of method is refused without being scanned.
  if (!isMethodAllowed(state, method) || !isToken(method)) return refusePreflight(state, request, origin, 'method', method);

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
  request: RequestRef,
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
