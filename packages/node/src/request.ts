// What Corsa reads of a Node request: the headers Node already parsed
// (`IncomingMessage.headers`), and — only when an origins predicate or onRefusal asks —
// a Fetch `Request` built from it. No `Request` is built for a list or '*' policy.
import type { IncomingMessage } from 'node:http';
import type { CorsHeaderReader, LazyRequest } from '@corsa/core';

export type NodeHeaders = IncomingMessage['headers'];

/** Reads a header from Node's parsed headers: repeated headers are joined with ', ' there, as Fetch joins them. */
export const readNodeHeader: CorsHeaderReader<NodeHeaders> = (headers, name) => {
  const value = headers[name];
  return value === undefined ? null : typeof value === 'string' ? value : value.join(', ');
};

/** The request's absolute URL, as a Fetch `Request` would have it. */
function urlOf(req: IncomingMessage): string {
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  const host = req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? 'localhost';
  return `${encrypted ? 'https' : 'http'}://${host}${req.url ?? '/'}`;
}

/** A `LazyRequest` over Node's request: the URL and the `Request` built on first use. */
export class NodeRequestRef implements LazyRequest {
  readonly #req: IncomingMessage;
  #request: Request | undefined;

  constructor(req: IncomingMessage) {
    this.#req = req;
  }

  get url(): string {
    return urlOf(this.#req);
  }

  request(): Request {
    this.#request ??= toFetchRequest(this.#req);
    return this.#request;
  }
}

// The Request a predicate or onRefusal sees: method, URL and headers, never the body
// (Corsa never reads it). A method or header Fetch refuses (TRACE, a stray byte) is left
// out rather than thrown into the server.
function toFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // not a header Fetch can hold
    }
  }
  const url = safeUrl(urlOf(req));
  try {
    return new Request(url, { method: req.method ?? 'GET', headers });
  } catch {
    return new Request(url, { headers });
  }
}

function safeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return 'http://localhost/';
  }
}
