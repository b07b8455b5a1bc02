// Request builders shared by the core's tests (and the adapters' vectors).

export const API = 'https://api.example/resource';

/** A CORS preflight as a browser sends it. */
export function preflightRequest(origin: string, method: string, extra: { headers?: string; privateNetwork?: boolean; url?: string } = {}): Request {
  const headers = new Headers({ origin, 'access-control-request-method': method });
  if (extra.headers !== undefined) headers.set('access-control-request-headers', extra.headers);
  if (extra.privateNetwork) headers.set('access-control-request-private-network', 'true');
  return new Request(extra.url ?? API, { method: 'OPTIONS', headers });
}

/** An actual (non-preflight) request, with `Origin` when one is given. */
export function actualRequest(origin: string | null, method = 'GET', headers: Record<string, string> = {}): Request {
  const all = new Headers(headers);
  if (origin !== null) all.set('origin', origin);
  return new Request(API, { method, headers: all });
}

/** The headers of a Response or Headers as a plain object, for readable assertions. */
export function headersOf(answer: Response | Headers): Record<string, string> {
  return Object.fromEntries((answer instanceof Response ? answer.headers : answer).entries());
}

/** The `Access-Control-*` header names in an answer. */
export function accessControlNames(answer: Response | Headers): string[] {
  return Object.keys(headersOf(answer)).filter((name) => name.startsWith('access-control-'));
}
