// Where the middleware reads the request headers a CORS answer depends on: where they are
// cheapest. @hono/node-server hands Hono a lightweight Request whose `headers` are only
// built (from the socket's raw headers, through undici) when someone reads them, and
// Node has already parsed them into `IncomingMessage.headers` (c.env.incoming), so
// Corsa reads them there — but only for that lightweight Request itself: a Request
// dispatched again (`app.fetch(new Request(…), c.env)`) carries headers of its own.
// Everywhere else (Workers, Bun, Deno) it reads the Request's own, native headers.
import { type CorsHeaderReader, isCorsHeaderName, readRequestHeader } from '@corsa/core';
import type { Context } from 'hono';

/** Node's parsed request and the response it will be written to, when @hono/node-server serves the request. */
interface NodeIncoming {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawHeaders: readonly string[];
}

interface NodeOutgoing {
  getHeaderNames(): string[];
  removeHeader(name: string): void;
  readonly headersSent?: boolean;
}

export type IncomingHeaders = NodeIncoming['headers'];

/** Reads a header from Node's parsed headers: repeated headers are joined with ', ' there, as Fetch joins them. */
export const readIncomingHeader: CorsHeaderReader<IncomingHeaders> = (headers, name) => {
  const value = headers[name];
  return value === undefined ? null : typeof value === 'string' ? value : value.join(', ');
};

/**
 * Node's parsed request when @hono/node-server serves `c` with its own lightweight
 * Request (whose prototype is not Fetch's), else undefined (read the Request's own).
 */
export function nodeIncoming(c: Context): NodeIncoming | undefined {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  if (incoming === undefined || !Array.isArray(incoming.rawHeaders)) return undefined;
  return Object.getPrototypeOf(c.req.raw) === Request.prototype ? undefined : incoming;
}

/**
 * Under @hono/node-server, headers set on Node's `ServerResponse` (c.env.outgoing, by a
 * Node wrapper or a middleware) are merged into the response when it is written; the
 * CORS headers must be exactly Corsa's answer, so any `Access-Control-*` or
 * `Corsa-Refusal` there is removed.
 */
export function dropForeignCorsHeaders(c: Context): void {
  const outgoing = (c.env as { outgoing?: NodeOutgoing } | undefined)?.outgoing;
  if (outgoing === undefined || typeof outgoing.getHeaderNames !== 'function' || outgoing.headersSent) return;
  for (const name of outgoing.getHeaderNames()) {
    if (isCorsHeaderName(name)) outgoing.removeHeader(name);
  }
}

export { readRequestHeader };
