// Where the middleware reads the request headers a CORS answer depends on: where they are
// cheapest. @hono/node-server hands Hono a lightweight Request whose \`headers\` are only
// built (from the socket's raw headers, through undici) when someone reads them, and
// Node has already parsed them into \`IncomingMessage.headers\` (c.env.incoming), so
// Corsa reads them there. Everywhere else (Workers, Bun, Deno) it reads the Request's
// own, native headers.
import { type CorsHeaderReader, readRequestHeader } from '@corsa/core';
import type { Context } from 'hono';

/** Node's parsed request headers, when @hono/node-server serves the request. */
interface NodeIncoming {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawHeaders: readonly string[];
}

export type IncomingHeaders = NodeIncoming['headers'];

/** Reads a header from Node's parsed headers: repeated headers are joined with ', ' there, as Fetch joins them. */
export const readIncomingHeader: CorsHeaderReader<IncomingHeaders> = (headers, name) => {
  const value = headers[name];
  return value === undefined ? null : typeof value === 'string' ? value : value.join(', ');
};

/** Node's parsed request headers when @hono/node-server serves `c`, else undefined (read the Request's own). */
export function nodeIncomingHeaders(c: Context): IncomingHeaders | undefined {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  return incoming !== undefined && Array.isArray(incoming.rawHeaders) ? incoming.headers : undefined;
}

export { readRequestHeader };
