// What the user typed, turned into the fetch() a page would run: every input checked the
// way a browser checks it, and refused with the reason a person needs when a browser
// would never send it.
import type { BrowserRequest } from './browser-fetch.js';
import { isForbiddenMethod, isForbiddenRequestHeader, isToken, normalizeHeaderValue, normalizeMethod } from './fetch-standard.js';

/** Bad input: exit status 2, the message says what to type instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The value a `--header name` without `=value` is sent with. */
export const DEFAULT_HEADER_VALUE = 'x';

/** An http(s) URL, or a UsageError. */
export function parseUrl(text: string, what = 'the URL'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} '${text}' is not an absolute URL; write it with its scheme, e.g. http://127.0.0.1:8000/api/items`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${what} '${text}' is not an http: or https: URL`);
  return url;
}

/**
 * A page's origin as a browser serializes it in `Origin` (`scheme://host[:port]`, or
 * `null`), or a UsageError naming the right spelling.
 */
export function parseOrigin(text: string): string {
  if (text === 'null') return text;
  const url = parseUrl(text, '--origin');
  if (url.origin !== text) {
    throw new UsageError(
      `--origin '${text}' is not an origin as browsers send it (scheme, host and port only, no path, no trailing '/', default port omitted); write --origin ${url.origin}`,
    );
  }
  return text;
}

/** fetch()'s method, normalized as fetch() normalizes it, or a UsageError. */
export function parseMethod(text: string): string {
  if (!isToken(text)) throw new UsageError(`--method '${text}' is not an HTTP method`);
  if (isForbiddenMethod(text)) throw new UsageError(`fetch() refuses the method ${text.toUpperCase()} (a forbidden method): no browser sends it`);
  return normalizeMethod(text);
}

/** `name[=value]` (or `Name: value`) pairs into headers as the script would set them, or a UsageError. */
export function parseHeaders(pairs: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    // `name=value` or curl's `Name: value`: neither '=' nor ':' can be part of a header name.
    const separator = pair.search(/[=:]/);
    const name = (separator < 0 ? pair : pair.slice(0, separator)).trim();
    // Normalized as fetch() normalizes it: HTTP whitespace only (a trailing \v stays, and is refused below).
    const value = separator < 0 ? DEFAULT_HEADER_VALUE : normalizeHeaderValue(pair.slice(separator + 1));
    if (!isToken(name)) throw new UsageError(`--header '${pair}': '${name}' is not a header name (write name=value, e.g. --header x-api-key=secret)`);
    const refused = refusedByFetch(value);
    if (refused !== undefined) throw new UsageError(`--header '${name}': the value contains ${refused}, which fetch() refuses in a header value (TypeError)`);
    if (isForbiddenRequestHeader(name, value)) {
      const hint = name.toLowerCase() === 'cookie' ? ' (to send cookies as a page does, use --credentials with --cookie)' : '';
      throw new UsageError(`a page's script cannot set ${name}: browsers drop it (a forbidden request header)${hint}`);
    }
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing !== undefined) headers[existing] = `${headers[existing]}, ${value}`;
    else headers[name] = value;
  }
  return headers;
}

/** The first control character in `value` (HTAB allowed, as in header values), named for a person; undefined when there is none. */
export function controlCharacterIn(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) {
      const names: Record<number, string> = { 0: 'a NUL byte', 10: 'a line feed', 13: 'a carriage return', 127: 'a DEL byte' };
      return names[code] ?? `the control byte 0x${code.toString(16).padStart(2, '0')}`;
    }
  }
  return undefined;
}

/**
 * What fetch() refuses in a header value (Fetch: a value never holds NUL, CR or LF; Web IDL:
 * a ByteString holds code points up to U+00FF), named for a person; undefined when it sends
 * the value (any other byte, 0x01 and DEL included, goes on the wire as is).
 */
export function refusedByFetch(value: string): string | undefined {
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    if (code === 0 || code === 0x0a || code === 0x0d) return controlCharacterIn(character);
    if (code > 0xff) return `'${character}' (U+${code.toString(16).toUpperCase().padStart(4, '0')}, not a byte)`;
  }
  return undefined;
}

/** A trusted origin for `corsa audit`: a real origin (`null` is one of the origins audit probes itself). */
export function parseTrustedOrigin(text: string): string {
  if (text === 'null')
    throw new UsageError(
      "--origin null is not a trusted origin: audit sends 'Origin: null' itself to see whether it is allowed; give the origin of your page, e.g. --origin https://app.example.com",
    );
  return parseOrigin(text);
}

export interface CheckInput {
  url: string;
  origin: string;
  method?: string;
  headers?: readonly string[];
  credentials?: boolean;
  cookie?: string;
  /** The body the script sends (`--data`), already read from its file for `@file`. */
  data?: string;
}

/** What fetch() sends as Content-Type for a string body when the script sets none. */
export const STRING_BODY_CONTENT_TYPE = 'text/plain;charset=UTF-8';

/** `--data`'s value: the text itself, or with `@path` the file's contents (UTF-8), or a UsageError. */
export function readData(text: string, readFile: (path: string) => string): string {
  if (!text.startsWith('@')) return text;
  const path = text.slice(1);
  if (path === '') throw new UsageError("--data @ needs a file name after '@', e.g. --data @item.json");
  try {
    return readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as Error).message ?? String(error));
    throw new UsageError(`--data @${path}: cannot read the file (${reason})`);
  }
}

/** The whole request, checked. */
export function browserRequestOf(input: CheckInput): BrowserRequest {
  const url = parseUrl(input.url);
  const origin = parseOrigin(input.origin);
  if (origin === url.origin) {
    throw new UsageError(`--origin ${origin} is the URL's own origin: that request is same-origin, and CORS does not apply to it`);
  }
  if (input.cookie !== undefined && !input.credentials)
    throw new UsageError('--cookie is sent only with --credentials (a fetch() with credentials: "include")');
  if (input.cookie !== undefined) {
    const control = controlCharacterIn(input.cookie);
    if (control !== undefined) throw new UsageError(`--cookie contains ${control}, which a Cookie header cannot carry; write --cookie name=value`);
  }
  // With a body and no method, POST (as curl's --data); fetch() itself refuses a body on GET and HEAD.
  const method = parseMethod(input.method ?? (input.data !== undefined ? 'POST' : 'GET'));
  const headers = parseHeaders(input.headers ?? []);
  if (input.data !== undefined) {
    if (method === 'GET' || method === 'HEAD') {
      throw new UsageError(`fetch() refuses a body on a ${method} request; send it with --method POST (or PUT, PATCH …), or drop --data`);
    }
    // fetch() labels a string body text/plain (a CORS-safelisted type) unless the script sets one.
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = STRING_BODY_CONTENT_TYPE;
  }
  return {
    url: url.href,
    origin,
    method,
    headers,
    credentials: input.credentials ? 'include' : 'same-origin',
    ...(input.cookie !== undefined ? { cookie: input.cookie } : {}),
    ...(input.data !== undefined ? { body: input.data } : {}),
  };
}
