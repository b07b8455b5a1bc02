// A Fetch handler served from a Node request listener, the way Node apps write
// responses: the request's body read in full, then every response header set with
// res.setHeader, the status, the body. Used where a Node framework (Express, Connect,
// node:http) serves the shared reference or browser app, so that the app's own headers
// (foreign CORS headers included) arrive through Node's header calls.
import type { IncomingMessage, ServerResponse } from 'node:http';

export async function toFetchRequest(req: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks);
  }
  return new Request(`http://${req.headers.host}${req.url}`, { method, headers, ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}) });
}

export async function writeFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.statusCode = response.status;
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** `handler` as a Node handler; it rejects where the Fetch handler throws. */
export function nodeHandler(handler: (request: Request) => Response | Promise<Response>): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => writeFetchResponse(res, await handler(await toFetchRequest(req)));
}
