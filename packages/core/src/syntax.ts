// Character-level checks used on request data. They loop over char codes: no RegExp
// and no allocation, and every loop is bounded by the length the caller checked first.

/**
 * The longest `Origin` Corsa parses. A serialised origin is a scheme, `://`, a host of at
 * most 253 bytes (DNS) or a bracketed IPv6 address, and a port; 326 leaves room for a
 * long scheme. Anything longer is refused before a single character is read.
 */
export const MAX_ORIGIN_LENGTH = 326;

// tchar (RFC 9110 §5.6.2): ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA.
const TCHAR = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;

/** `true` when `code` is a tchar (a character allowed in a method or header name). */
export function isTokenChar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

/** `true` when `value` is a non-empty HTTP token (RFC 9110): a valid method or header name. */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    if (!isTokenChar(value.charCodeAt(i))) return false;
  }
  return true;
}

const isLowerAlpha = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHostChar = (c: number) => isLowerAlpha(c) || isDigit(c) || c === 0x2d /* - */ || c === 0x5f; /* _ */
const isIpv6Char = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || c === 0x3a || c === 0x2e;

/**
 * Scans `origin` as a serialised origin, `scheme://host[:port]`, the form browsers send:
 * lower-case scheme and host, host a DNS name (labels of a-z, 0-9, `-`, `_`, an optional
 * trailing dot), an IPv4 address or a bracketed IPv6 address, and a port of 1–5 digits
 * without a leading zero, at most 65535, never the scheme's default port.
 *
 * Returns the index where the host ends (the `:` before the port, or the length), or -1
 * when `origin` is not of that form. Work is bounded by `MAX_ORIGIN_LENGTH`.
 */
export function scanOrigin(origin: string): number {
  const length = origin.length;
  if (length === 0 || length > MAX_ORIGIN_LENGTH) return -1;
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), lower-case as browsers send it
  if (!isLowerAlpha(origin.charCodeAt(0))) return -1;
  let i = 1;
  for (; i < length; i++) {
    const c = origin.charCodeAt(i);
    if (c === 0x3a /* : */) break;
    if (!(isLowerAlpha(c) || isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e)) return -1;
  }
  const schemeEnd = i;
  if (origin.charCodeAt(i + 1) !== 0x2f || origin.charCodeAt(i + 2) !== 0x2f) return -1;
  const hostStart = i + 3;
  i = hostStart;
  if (origin.charCodeAt(i) === 0x5b /* [ */) {
    for (i++; i < length && origin.charCodeAt(i) !== 0x5d; i++) {
      if (!isIpv6Char(origin.charCodeAt(i))) return -1;
    }
    if (i >= length || i - hostStart < 3) return -1; // no `]`, or `[]` / `[:]`
    i++;
  } else {
    let labelLength = 0;
    for (; i < length; i++) {
      const c = origin.charCodeAt(i);
      if (c === 0x3a) break;
      if (c === 0x2e /* . */) {
        if (labelLength === 0) return -1; // empty label: leading dot or `..`
        labelLength = 0;
      } else if (isHostChar(c)) {
        labelLength++;
      } else {
        return -1;
      }
    }
    if (i === hostStart) return -1;
  }
  const hostEnd = i;
  if (hostEnd === length) return hostEnd;
  if (origin.charCodeAt(hostEnd) !== 0x3a) return -1;
  return isCanonicalPort(origin, hostEnd + 1, defaultPortNumber(origin, schemeEnd)) ? hostEnd : -1;
}

// Checks origin[start..] is a port as a browser serialises it: 1–5 digits, no leading
// zero, at most 65535, and not the scheme's default port (browsers omit that one).
function isCanonicalPort(origin: string, start: number, defaultPort: number): boolean {
  const digits = origin.length - start;
  if (digits < 1 || digits > 5 || origin.charCodeAt(start) === 0x30) return false;
  let port = 0;
  for (let i = start; i < origin.length; i++) {
    const c = origin.charCodeAt(i);
    if (!isDigit(c)) return false;
    port = port * 10 + (c - 0x30);
  }
  return port <= 65535 && port !== defaultPort;
}

// The default port of the origin's scheme, or -1 for schemes without one.
function defaultPortNumber(origin: string, schemeEnd: number): number {
  if (schemeEnd === 4 && origin.startsWith('http')) return 80;
  if (schemeEnd === 5 && origin.startsWith('https')) return 443;
  return -1;
}

/** The default port of a special scheme that can appear in an `Origin`, or undefined. */
export function defaultPortOf(scheme: string): string | undefined {
  return scheme === 'http' ? '80' : scheme === 'https' ? '443' : undefined;
}

/**
 * Replaces what cannot stand in a header value (controls, non-ASCII) with `?` and
 * truncates, so that request data quoted in a debug reason is always a valid value.
 */
export function toHeaderSafe(text: string, maxLength = 400): string {
  let out = '';
  const end = Math.min(text.length, maxLength);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0x20 && c <= 0x7e ? text[i] : '?';
  }
  return text.length > maxLength ? `${out}...` : out;
}
