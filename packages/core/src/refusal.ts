import type { CorsRefusal, CorsRefusalCheck } from './options.js';
import type { PolicyState } from './policy.js';
import { isThenable, type OriginVerdict } from './predicate.js';
import { HEADERS_MALFORMED, HEADERS_TOO_LONG, nameAt } from './request-headers.js';
import { fetchRequestOf, type RequestRef } from './request-ref.js';
import { MAX_ORIGIN_LENGTH, scanOrigin, toHeaderSafe } from './syntax.js';

/** The response header that carries a refusal's reason in debug mode. */
export const REFUSAL_HEADER = 'corsa-refusal';

/**
 * Reports a refusal to `onRefusal` and returns the header-safe reason to send in debug
 * mode (undefined otherwise). Reasons are only built when someone will read them.
 * `verdict` is the origins predicate's failure when that is why the origin was refused.
 */
export function reportRefusal(
  state: PolicyState,
  request: RequestRef,
  origin: string | null,
  check: CorsRefusalCheck,
  detail: string | number,
  preflight: boolean,
  verdict: OriginVerdict = false,
): string | undefined {
  if (!state.debug && state.onRefusal === undefined) return undefined;
  const failure = typeof verdict === 'object' ? verdict : undefined;
  const reason = failure ? explainPredicateFailure(origin ?? '', failure.failure, failure.error) : explain(state, origin, check, detail);
  if (state.onRefusal !== undefined) {
    callHook(
      state.onRefusal,
      Object.freeze(
        failure
          ? { check, reason, preflight, origin, request: fetchRequestOf(request), error: failure.error }
          : { check, reason, preflight, origin, request: fetchRequestOf(request) },
      ),
    );
  }
  return state.debug ? toHeaderSafe(reason) : undefined;
}

// A logging hook must never change the answer or take the server down: what it throws,
// or what the Promise it returns rejects with, is logged (console.error, where every
// runtime's logs look: wrangler tail, Deno, Bun, Node) and otherwise ignored.
function callHook(hook: (refusal: CorsRefusal) => unknown, refusal: CorsRefusal): void {
  try {
    const result = hook(refusal);
    if (isThenable(result)) Promise.resolve(result).catch(logHookError);
  } catch (error) {
    logHookError(error);
  }
}

function logHookError(error: unknown): void {
  console.error('[corsa] onRefusal failed; the CORS answer is unchanged:', error);
}

function explainPredicateFailure(origin: string, failure: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  switch (failure) {
    case 'threw':
      return `origin '${origin}' was refused because the origins predicate threw: ${message}`;
    case 'rejected':
      return `origin '${origin}' was refused because the origins predicate's Promise rejected: ${message}`;
    case 'always-true':
      return `origin '${origin}' was refused because this credentialed policy is unsafe: ${message}`;
    default:
      return `origin '${origin}' was refused because ${message}`;
  }
}

function explain(state: PolicyState, origin: string | null, check: CorsRefusalCheck, detail: string | number): string {
  switch (check) {
    case 'origin':
      return explainOrigin(state, origin ?? '');
    case 'method':
      return explainMethod(state, String(detail));
    case 'header':
      return explainHeader(state, detail);
  }
}

function explainOrigin(state: PolicyState, origin: string): string {
  if (origin === 'null') {
    return "Origin 'null' (a sandboxed iframe, a file: page or a redirect) is never allowed: anyone can send it";
  }
  if (origin.length > MAX_ORIGIN_LENGTH) return `the Origin header is longer than ${MAX_ORIGIN_LENGTH} bytes, so it is not an origin`;
  if (scanOrigin(origin) < 0) {
    const several = origin.includes(',') ? ' (several Origin values?)' : '';
    return `Origin ${quote(origin)} is not a serialised origin (scheme://host[:port])${several}`;
  }
  if (state.predicate) return `origin ${quote(origin)} was refused by the origins predicate`;
  const allowed = state.options.origins as readonly string[];
  return `origin ${quote(origin)} is not allowed; allowed origins: ${summarise(allowed)}${originHint(origin, allowed)}`;
}

// A hint for the near-misses developers hit most: http vs https, and www.
function originHint(origin: string, allowed: readonly string[]): string {
  const other = origin.startsWith('https://') ? `http://${origin.slice(8)}` : origin.startsWith('http://') ? `https://${origin.slice(7)}` : '';
  if (other && allowed.includes(other)) return ` (note: '${other}' is allowed; the scheme differs)`;
  const www = origin.replace('://www.', '://');
  const withWww = origin.replace('://', '://www.');
  for (const candidate of [www, withWww]) {
    if (candidate !== origin && allowed.includes(candidate)) return ` (note: '${candidate}' is allowed; 'www.' differs)`;
  }
  return '';
}

function explainMethod(state: PolicyState, method: string): string {
  if (state.methods === undefined) return `method ${quote(method)} is not a valid method name (or longer than ${state.maxMethodLength} characters)`;
  const upper = method.toUpperCase();
  const hint =
    upper !== method && state.methods.has(upper) ? ` (methods are case-sensitive and fetch() sends '${method}' as written: use '${upper}' in the request)` : '';
  return `method ${quote(method)} is not allowed; allowed methods: ${summarise(allowedMethods(state))}${hint}`;
}

function allowedMethods(state: PolicyState): string[] {
  const listed = [...(state.methods ?? [])];
  return ['GET', 'HEAD', 'POST', ...listed.filter((m) => m !== 'GET' && m !== 'HEAD' && m !== 'POST')];
}

function explainHeader(state: PolicyState, detail: string | number): string {
  const allowed = state.headers ? `; allowed headers: ${summarise([...state.headers]) || 'none'}` : '';
  if (detail === HEADERS_TOO_LONG) {
    return `Access-Control-Request-Headers is longer than the ${state.maxRequestHeadersLength} bytes this policy could allow${allowed}`;
  }
  if (detail === HEADERS_MALFORMED) return `Access-Control-Request-Headers is not a comma-separated list of header names${allowed}`;
  return `request header ${quote(String(detail))} is not allowed${allowed}`;
}

/** The header name a refusal index from `checkRequestedHeaders` points at. */
export function refusedHeaderName(value: string, index: number): string | number {
  return index > 0 ? nameAt(value, index - 1) : index;
}

/** Request data as a reason quotes it: at most 100 characters, so a megabyte of header costs nothing here. */
function quote(text: string): string {
  return text.length > 100 ? `'${text.slice(0, 100)}…' (${text.length} characters)` : `'${text}'`;
}

function summarise(items: readonly string[]): string {
  const shown = items.slice(0, 10).join(', ');
  return items.length > 10 ? `${shown} and ${items.length - 10} more` : shown;
}
