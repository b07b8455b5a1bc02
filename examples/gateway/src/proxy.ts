// The gateway's one job besides CORS: forward /api/* to the upstream API as it is
// (method, headers, cookies, body) and hand its response back. CORS is not done here:
// the adapter around this handler owns it, and removes whatever CORS headers the
// upstream adds itself.

/** Hop-by-hop headers (RFC 9110 §7.6.1) a proxy must not forward. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host'];

/** Forwards `/api/…` to `upstream` (e.g. `http://127.0.0.1:8000`); anything else is 404. */
export async function proxyApi(request: Request, upstream: string): Promise<Response> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith('/api/')) return new Response('Not Found', { status: 404 });
  const headers = new Headers(request.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return fetch(`${upstream}${url.pathname}${url.search}`, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : null,
    redirect: 'manual',
  });
}
