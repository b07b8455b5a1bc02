// One HTTP exchange exactly as written: the method, the URL and the headers given, byte for
// byte and in order, no redirect followed, no cookie jar, a deadline. Over a socket of its
// own rather than fetch() (which adds headers and hides repeated header lines, which
// `audit` reports) or node:http (which upper-cases every method — fetch() sends `patch` as
// written —, refuses header values a page may send, such as a 0x01 byte, and refuses
// answers browsers judge, such as a NUL byte in a header value).
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Received, SentRequest } from './browser-fetch.js';
import { NotHttpError, ResponseReader } from './http-response-reader.js';

export interface HttpResponse extends Received {
  readonly lines: readonly (readonly [string, string])[];
  /** The first bytes of the body (at most 500 characters), for the report. */
  readonly bodyStart: string;
}

/** A request that got no HTTP answer: refused, timed out, not resolvable, TLS failure, not HTTP. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

const BODY_PREVIEW = 500;

/** Every request carries a User-Agent, as a browser's does (some servers refuse requests without one). */
export const USER_AGENT = 'Mozilla/5.0 (compatible; corsa-check; +https://github.com/corsa-dev/corsa)';

/**
 * Sends one request; resolves with the response or rejects with a NetworkError that says
 * what happened. `timeoutMs` is a deadline for the whole exchange (a server that drips
 * its answer byte by byte is cut off too), and the body is read only as far as the
 * preview: the connection is closed after it.
 */
export function send(sent: SentRequest, timeoutMs: number): Promise<HttpResponse> {
  const url = new URL(sent.url);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // an IPv6 literal without its brackets
  const port = Number(url.port || (secure ? 443 : 80));
  const bytes = requestBytes(sent, url);
  const reader = new ResponseReader(sent.method, BODY_PREVIEW);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      outcome();
    };
    const finish = (response: ReturnType<ResponseReader['push']>) => response && settle(() => resolve(received(response)));
    const fail = (message: string) => settle(() => reject(new NetworkError(message)));
    // One connection per request, closed after it (as `Connection: close` says), so the process exits at once.
    const socket: Socket = secure
      ? tlsConnect({ host, port, ALPNProtocols: ['http/1.1'], ...(isIP(host) ? {} : { servername: host }) }, () => socket.write(bytes))
      : netConnect({ host, port }, () => socket.write(bytes));
    const deadline = setTimeout(() => fail(`no complete answer from ${url.origin} within ${timeoutMs} ms (${sent.method} ${url.pathname})`), timeoutMs);
    const read = (step: () => ReturnType<ResponseReader['push']>) => {
      try {
        finish(step());
      } catch (error) {
        if (!(error instanceof NotHttpError)) throw error;
        fail(`${url.origin} answered, but not with HTTP: ${error.message}`);
      }
    };
    socket.on('data', (chunk: Buffer) => read(() => reader.push(chunk)));
    socket.on('end', () => {
      read(() => reader.end());
      fail(`${url.host} closed the connection without an answer`);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      read(() => reader.end()); // a reset after a complete answer still counts as the answer
      fail(describe(error, url));
    });
  });
}

/**
 * The request as a browser puts it on the wire: the method as written (fetch() upper-cases
 * only DELETE, GET, HEAD, OPTIONS, POST and PUT, which the caller has done), header names
 * and values as written, in order, as bytes (a page may send any byte but NUL, CR and LF).
 */
function requestBytes(sent: SentRequest, url: URL): Buffer {
  const hasBody = sent.method !== 'GET' && sent.method !== 'HEAD' && sent.method !== 'OPTIONS';
  const body = sent.body === undefined ? Buffer.alloc(0) : Buffer.from(sent.body, 'utf8');
  const names = Object.keys(sent.headers).map((name) => name.toLowerCase());
  const lines: [string, string][] = [['Host', url.host]];
  if (!names.includes('user-agent')) lines.push(['User-Agent', USER_AGENT]);
  lines.push(...Object.entries(sent.headers));
  if (hasBody) lines.push(['Content-Length', String(body.length)]);
  lines.push(['Connection', 'close']);
  const head = `${sent.method} ${url.pathname}${url.search} HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/**
 * The parsed answer as the walk reads it: header lines of one name combined (`a, b`), as
 * browsers combine them. A NUL byte in any header value makes browsers fail the whole
 * response as a network error (Fetch: a header value never contains one; WPT
 * fetch/h1-parsing), before any CORS check.
 */
function received(response: NonNullable<ReturnType<ResponseReader['push']>>): HttpResponse {
  const headers = new Headers();
  let networkError: string | undefined;
  for (const [name, value] of response.lines) {
    if (value.includes('\0')) {
      networkError ??= `the ${name} header carries a NUL byte, which makes browsers fail the whole response as a network error`;
      continue;
    }
    try {
      headers.append(name, value);
    } catch {
      // a name Headers refuses (not a token): browsers skip the line too
    }
  }
  return { status: response.status, headers, lines: response.lines, bodyStart: response.bodyStart, ...(networkError ? { networkError } : {}) };
}

function describe(error: NodeJS.ErrnoException, url: URL): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${url.host}: connection refused (is the server running, on that port?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${url.hostname} (${error.code})`;
    case 'ECONNRESET':
      return `${url.host} closed the connection without an answer`;
    default:
      return `cannot reach ${url.origin}: ${error.message}${error.code ? ` (${error.code})` : ''}`;
  }
}
