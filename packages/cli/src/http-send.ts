// One HTTP exchange exactly as written: the method, the URL and the headers given, no
// redirect followed, no cookie jar, a deadline. node:http rather than fetch() because
// fetch() would add headers of its own and hides repeated header lines, which `audit`
// reports (two Access-Control-Allow-Origin lines).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Received, SentRequest } from './browser-fetch.js';

export interface HttpResponse extends Received {
  readonly lines: readonly (readonly [string, string])[];
  /** The first bytes of the body (at most 500 characters), for the report. */
  readonly bodyStart: string;
}

/** A request that got no HTTP answer: refused, timed out, not resolvable, TLS failure. */
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
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const hasBody = sent.method !== 'GET' && sent.method !== 'HEAD' && sent.method !== 'OPTIONS';
  return new Promise((resolve, reject) => {
    // agent: false: one connection per request, closed after it, so the process exits at once.
    const body = sent.body === undefined ? undefined : Buffer.from(sent.body, 'utf8');
    const userAgent = Object.keys(sent.headers).some((name) => name.toLowerCase() === 'user-agent') ? {} : { 'user-agent': USER_AGENT };
    const headers = { ...userAgent, ...sent.headers, ...(hasBody ? { 'content-length': String(body?.length ?? 0) } : {}) };
    let settled = false;
    const finish = (response: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(response);
      req.destroy();
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      reject(error);
    };
    // insecureHTTPParser: browsers accept header values with bytes Node's strict parser
    // refuses (control characters, obs-text); the verdict must be theirs, not a parse error.
    const req = request(url, { method: sent.method, headers, agent: false, insecureHTTPParser: true }, (res) => readResponse(res, finish));
    const deadline = setTimeout(() => {
      const error = new NetworkError(`no complete answer from ${url.origin} within ${timeoutMs} ms (${sent.method} ${url.pathname})`);
      fail(error);
      req.destroy(error);
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => fail(error instanceof NetworkError ? error : new NetworkError(describe(error, url))));
    req.end(hasBody ? body : undefined);
  });
}

function readResponse(res: IncomingMessage, finish: (response: HttpResponse) => void): void {
  const lines: [string, string][] = [];
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = String(res.rawHeaders[i]);
    const value = String(res.rawHeaders[i + 1]);
    lines.push([name, value]);
    try {
      headers.append(name, value);
    } catch {
      // a value Headers refuses (a stray control byte): a browser drops it too
    }
  }
  let body = '';
  res.setEncoding('utf8');
  const done = () => finish({ status: res.statusCode ?? 0, headers, lines, bodyStart: body.slice(0, BODY_PREVIEW) });
  res.on('data', (chunk: string) => {
    body += chunk;
    if (body.length >= BODY_PREVIEW) done(); // enough for the report: stop reading
  });
  res.on('end', done);
  res.on('error', done);
  res.on('aborted', done);
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
