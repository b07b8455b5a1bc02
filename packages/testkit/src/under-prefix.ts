// The reference app answers /data, /fail, …; the framework test apps serve it under a
// prefix (/r, /p) next to the browser API.
import type { RunningServer } from './adapter-vectors.js';

/** `handler` called with the request's URL without `prefix`. */
export function underPrefix(prefix: string, handler: (request: Request) => Response | Promise<Response>): (request: Request) => Response | Promise<Response> {
  return (request) => handler(stripPrefix(prefix, request));
}

/** `request` with `prefix` taken off its path (a new Request only when there is one). */
export function stripPrefix(prefix: string, request: Request): Request {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${prefix}/`)) return request;
  url.pathname = url.pathname.slice(prefix.length);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, { method: request.method, headers: request.headers, ...(hasBody ? { body: request.body, duplex: 'half' } : {}) } as RequestInit);
}

/**
 * For the tests: `started`'s server seen under `prefix`. Its first request is made here:
 * a dev server (`next dev`, `vite dev`) compiles a route on its first request, which must
 * not eat into the vectors' deadlines.
 */
export async function servedUnder(prefix: string, started: Promise<RunningServer>): Promise<RunningServer> {
  const server = await started;
  await fetch(`${server.baseUrl}${prefix}/data`);
  return { ...server, baseUrl: `${server.baseUrl}${prefix}`, stop: () => server.stop() };
}
