import type { CorsHeaderList } from './evaluate.js';
import { REFUSAL_HEADER } from './refusal.js';

/**
 * Merges the `Headers` from `evaluateCors` into the handler's `response` and returns
 * the response to send. On that response the CORS headers are exactly Corsa's answer:
 * - every `Access-Control-*` header and any `Corsa-Refusal` that the answer does not set
 *   is removed, whoever wrote it (the handler, an upstream behind a proxying `fetch()`,
 *   another CORS layer), so a refused origin never inherits someone else's grant;
 * - `Access-Control-Allow-Origin`, `-Allow-Credentials`, `-Expose-Headers` and
 *   `Corsa-Refusal` from the answer are *set*;
 * - `Vary` tokens are *added*, compared case-insensitively, without duplicates; a
 *   `Vary: *` stays `*`.
 *
 * Never throws on immutable headers (a response from `fetch()`, the Cache API or
 * `Response.redirect()`): such a response is re-wrapped as `new Response(body, response)`,
 * which moves the body stream without reading or teeing it and keeps status,
 * statusText and every `Set-Cookie`. A 101 (WebSocket) response, a response carrying a
 * `webSocket`, and `Response.error()` are returned untouched. Applying twice changes
 * nothing more than applying once.
 */
export function applyCors(response: Response, headers: Headers): Response {
  return applyCorsList(response, [...headers]);
}

/**
 * For adapters: `applyCors` with the answer as `[name, value]` pairs (lower-case names),
 * as `evaluateCorsFields` returns it. Same result, without a `Headers` for the answer.
 */
export function applyCorsList(response: Response, answer: CorsHeaderList): Response {
  if (response.status < 200 || response.status > 599 || (response as { webSocket?: unknown }).webSocket != null) {
    return response;
  }
  try {
    mergeInto(response.headers, answer);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Immutable headers throw on the first write, before anything changed.
    const copy = new Response(response.body, response);
    mergeInto(copy.headers, answer);
    return copy;
  }
}

// One pass over the response's headers finds what the answer replaces (foreign CORS
// headers, collected before deleting: deleting while iterating a Headers skips entries)
// and the Vary to merge with; then the answer's pairs are set. forEach rather than
// for…of: no [name, value] array per entry. Pairs are read by index: destructuring runs
// the iterator protocol on some engines.
function mergeInto(target: Headers, answer: CorsHeaderList): void {
  const found: { vary: string | null; foreign: string[] | undefined } = { vary: null, foreign: undefined };
  target.forEach((value, name) => {
    if (name === 'vary') found.vary = value;
    else if (isCorsHeaderName(name) && !answers(answer, name)) {
      found.foreign ??= [];
      found.foreign.push(name);
    }
  });
  const foreign = found.foreign;
  if (foreign !== undefined) for (let i = 0; i < foreign.length; i++) target.delete(foreign[i] as string);
  for (let i = 0; i < answer.length; i++) {
    const pair = answer[i] as readonly [string, string];
    if (pair[0] === 'vary') target.set('vary', mergeVary(found.vary, pair[1]));
    else target.set(pair[0], pair[1]);
  }
}

function answers(answer: CorsHeaderList, name: string): boolean {
  for (let i = 0; i < answer.length; i++) if ((answer[i] as readonly [string, string])[0] === name) return true;
  return false;
}

/** `true` for the response headers only Corsa may write: `access-control-*` and `corsa-refusal` (lower case). */
export function isCorsHeaderName(name: string): boolean {
  return name.startsWith('access-control-') || name === REFUSAL_HEADER;
}

/**
 * `existing` with every token of `added` that it lacks appended (case-insensitive);
 * `*` when either is `*`. Runs over the response's own Vary, not request data.
 */
export function mergeVary(existing: string | null, added: string): string {
  if (existing === null || existing.trim() === '') return added;
  const have = varyTokens(existing).map((token) => token.toLowerCase());
  if (have.includes('*')) return '*';
  let merged = existing;
  for (const token of varyTokens(added)) {
    const lower = token.toLowerCase();
    if (lower === '*') return '*';
    if (!have.includes(lower)) {
      merged += `, ${token}`;
      have.push(lower);
    }
  }
  return merged;
}

// The comma-separated tokens of a Vary value, trimmed, in their own case.
function varyTokens(value: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value.charCodeAt(i) === 0x2c) {
      const token = value.slice(start, i).trim();
      if (token) tokens.push(token);
      start = i + 1;
    }
  }
  return tokens;
}
