// Fetch-standard lists that configuration is checked against (only at compile time).

/** Methods browsers never send from a script (Fetch: forbidden method). */
export const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Methods the Fetch standard upper-cases when a script writes them in any case. */
export const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** CORS-safelisted methods: browsers send them without asking a preflight's permission. */
export const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);

export const DEFAULT_METHODS = Object.freeze(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Request headers a script can never set (Fetch: forbidden request-header), lower case. */
const FORBIDDEN_REQUEST_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** `true` when browsers never let a script send request header `name` (lower case). */
export function isForbiddenRequestHeader(name: string): boolean {
  return FORBIDDEN_REQUEST_HEADERS.has(name) || name.startsWith('proxy-') || name.startsWith('sec-');
}

/** Response headers browsers never expose to scripts, whatever the server says. */
export const UNEXPOSABLE_RESPONSE_HEADERS = new Set(['set-cookie', 'set-cookie2']);
