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
  if (response.status < 200 || response.status > 599 || (response as { webSocket?: unknown }).webSocket != null) {
    return response;
  }
  try {
    mergeInto(response.headers, headers);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Immutable headers throw on the first write, before anything changed.
    const copy = new Response(response.body, response);
    mergeInto(copy.headers, headers);
    return copy;
  }
}

function mergeInto(target: Headers, answer: Headers): void {
  removeForeignCorsHeaders(target, answer);
  for (const [name, value] of answer) {
    if (name === 'vary') target.set('vary', mergeVary(target.get('vary'), value));
    else target.set(name, value);
  }
}

/**
 * Deletes from `target` every `Access-Control-*` and `Corsa-Refusal` header that
 * `answer` does not set. The names are collected first: deleting while iterating a
 * `Headers` would skip entries.
 */
export function removeForeignCorsHeaders(target: Headers, answer: Headers): void {
  const foreign: string[] = [];
  for (const name of target.keys()) {
    if (isCorsHeaderName(name) && !answer.has(name)) foreign.push(name);
  }
  for (const name of foreign) target.delete(name);
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
