import { isTokenChar } from './syntax.js';

/** Result of reading `Access-Control-Request-Headers` when it is fine. */
export const HEADERS_OK = 0;
/** Longer than the policy could ever allow: refused without reading a character. */
export const HEADERS_TOO_LONG = -1;
/** Not a comma-separated list of header names. */
export const HEADERS_MALFORMED = -2;

/**
 * Checks a preflight's `Access-Control-Request-Headers` against the allowed names
 * (lower case), or only its syntax when `allowed` is undefined (any header allowed).
 *
 * Returns HEADERS_OK, HEADERS_TOO_LONG, HEADERS_MALFORMED, or the index (≥ 1, one past
 * its start) of the first name that is not allowed, so the caller can quote it.
 *
 * The bound: `maxLength` comes from the policy (the allowed names joined, or a fixed cap
 * when any header is allowed), and a longer value is refused by its length alone, so a
 * megabyte of commas costs one comparison. Below it, one pass over the characters with a
 * Set lookup per name: linear in a length the policy chose, no RegExp, no split.
 */
export function checkRequestedHeaders(value: string, allowed: ReadonlySet<string> | undefined, maxLength: number): number {
  if (value.length > maxLength) return HEADERS_TOO_LONG;
  let i = 0;
  const length = value.length;
  while (i < length) {
    const c = value.charCodeAt(i);
    if (c === 0x2c /* , */ || c === 0x20 || c === 0x09) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isTokenChar(value.charCodeAt(i))) i++;
    if (i === start) return HEADERS_MALFORMED;
    if (allowed !== undefined && !allowed.has(value.slice(start, i).toLowerCase())) return start + 1;
    // After a name: optional whitespace, then a comma or the end.
    while (i < length && (value.charCodeAt(i) === 0x20 || value.charCodeAt(i) === 0x09)) i++;
    if (i < length && value.charCodeAt(i) !== 0x2c) return HEADERS_MALFORMED;
  }
  return HEADERS_OK;
}

/** The header name starting at `start` in `value` (for explaining a refusal). */
export function nameAt(value: string, start: number): string {
  let end = start;
  while (end < value.length && isTokenChar(value.charCodeAt(end))) end++;
  return value.slice(start, end);
}
