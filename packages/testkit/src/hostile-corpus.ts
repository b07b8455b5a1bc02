// Adversarial requests, sent as raw bytes over TCP so that nothing on the client side
// cleans them up: control characters, non-ASCII, megabyte headers, duplicated and
// repeated names, percent-encoding, IPv6 and IDN origins. Every adapter's server gets
// the whole corpus (see adapter-vectors.ts) under REFERENCE_POLICY.
import { connect } from 'node:net';

const APP = 'https://app.example';

/** What Corsa must answer, or what a runtime may do before Corsa ever sees the request. */
export type HostileExpectation =
  | 'refused-preflight' // 403 and no Access-Control-* header
  | 'refused-actual' // the handler's answer, no Access-Control-* header
  | 'allowed'; // Access-Control-Allow-Origin equal to the Origin sent

export interface HostileCase {
  name: string;
  /** Raw header lines after the request line and Host (no CRLF inside unless meant). */
  headers: (string | Buffer)[];
  method: string;
  expect: HostileExpectation;
  /** The Origin value Corsa should reflect when allowed. */
  origin?: string;
  /** A runtime may refuse this request itself (too large, malformed): 400, 413, 431 or a closed connection. */
  runtimeMayRefuse?: boolean;
}

const preflight = (origin: string, extra: string[] = []) => [`Origin: ${origin}`, 'Access-Control-Request-Method: PUT', ...extra];
const mib = 1024 * 1024;

export const HOSTILE_CORPUS: HostileCase[] = [
  {
    name: '1 MiB Access-Control-Request-Headers of commas',
    method: 'OPTIONS',
    headers: preflight(APP, [`Access-Control-Request-Headers: ${','.repeat(mib)}`]),
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: '1 MiB Access-Control-Request-Headers of spaces inside a list',
    method: 'OPTIONS',
    headers: preflight(APP, [`Access-Control-Request-Headers: x-trace${' '.repeat(mib)}x`]),
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: '1 MiB single-token Access-Control-Request-Headers',
    method: 'OPTIONS',
    headers: preflight(APP, [`Access-Control-Request-Headers: ${'x'.repeat(mib)}`]),
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: '8 KiB Access-Control-Request-Headers of commas',
    method: 'OPTIONS',
    headers: preflight(APP, [`Access-Control-Request-Headers: ${','.repeat(8192)}`]),
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: '8 KiB of allowed names repeated',
    method: 'OPTIONS',
    headers: preflight(APP, [`Access-Control-Request-Headers: ${'content-type,'.repeat(630)}`]),
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: 'commas around allowed names',
    method: 'OPTIONS',
    headers: preflight(APP, ['Access-Control-Request-Headers: ,,,content-type,,, ,x-trace,,,']),
    expect: 'allowed',
    origin: APP,
  },
  { name: '64 KiB Origin', method: 'GET', headers: [`Origin: https://${'a'.repeat(64 * 1024)}.example`], expect: 'refused-actual', runtimeMayRefuse: true },
  { name: '4 KiB Origin', method: 'OPTIONS', headers: preflight(`https://${'a'.repeat(4096)}.example`), expect: 'refused-preflight', runtimeMayRefuse: true },
  {
    name: 'a control character in Origin',
    method: 'GET',
    headers: [Buffer.from('Origin: https://app\x01.example', 'latin1')],
    expect: 'refused-actual',
    runtimeMayRefuse: true,
  },
  {
    name: 'DEL in Access-Control-Request-Headers',
    method: 'OPTIONS',
    headers: [...preflight(APP), Buffer.from('Access-Control-Request-Headers: x-trace\x7f', 'latin1')],
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: 'a tab inside Access-Control-Request-Method',
    method: 'OPTIONS',
    headers: [`Origin: ${APP}`, 'Access-Control-Request-Method: P\tUT'],
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: 'UTF-8 bytes in Origin (IDN not in punycode)',
    method: 'GET',
    headers: [Buffer.concat([Buffer.from('Origin: https://'), Buffer.from('bücher.example', 'utf8')])],
    expect: 'refused-actual',
    runtimeMayRefuse: true,
  },
  {
    name: 'Latin-1 bytes in Origin',
    method: 'OPTIONS',
    headers: [Buffer.from('Origin: https://app.examplé', 'latin1'), 'Access-Control-Request-Method: PUT'],
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  { name: 'an IDN origin in punycode (not listed)', method: 'GET', headers: ['Origin: https://xn--bcher-kva.example'], expect: 'refused-actual' },
  { name: 'two Origin lines', method: 'GET', headers: [`Origin: ${APP}`, `Origin: ${APP}`], expect: 'refused-actual', runtimeMayRefuse: true },
  {
    name: 'two Origin lines on a preflight',
    method: 'OPTIONS',
    headers: [`Origin: ${APP}`, 'Origin: https://evil.example', 'Access-Control-Request-Method: PUT'],
    expect: 'refused-preflight',
    runtimeMayRefuse: true,
  },
  {
    name: 'two Access-Control-Request-Method lines',
    method: 'OPTIONS',
    headers: [`Origin: ${APP}`, 'Access-Control-Request-Method: PUT', 'Access-Control-Request-Method: PUT'],
    expect: 'refused-preflight',
  },
  { name: 'Origin with a percent-encoded dot', method: 'GET', headers: ['Origin: https://app%2Eexample'], expect: 'refused-actual' },
  { name: 'Origin with a percent-encoded slash', method: 'OPTIONS', headers: preflight('https://app.example%2F'), expect: 'refused-preflight' },
  { name: 'an IPv6 loopback origin (not listed)', method: 'GET', headers: ['Origin: http://[::1]:5173'], expect: 'refused-actual' },
  { name: 'a non-canonical IPv6 origin', method: 'GET', headers: ['Origin: http://[0:0:0:0:0:0:0:1]:5173'], expect: 'refused-actual' },
  { name: 'the listed origin in upper case', method: 'GET', headers: ['Origin: HTTPS://APP.EXAMPLE'], expect: 'refused-actual' },
  { name: 'Origin: null', method: 'OPTIONS', headers: preflight('null'), expect: 'refused-preflight' },
  {
    name: 'an allowed origin, as a control',
    method: 'OPTIONS',
    headers: preflight('http://localhost:5173'),
    expect: 'allowed',
    origin: 'http://localhost:5173',
  },
];

export interface RawResponse {
  status: number;
  headers: [string, string][];
}

/** Sends `method /data` with `headers` as raw bytes; 'closed' when the server hung up first. */
export function sendRaw(baseUrl: string, method: string, headers: (string | Buffer)[]): Promise<RawResponse | 'closed'> {
  const { hostname, port, pathname } = new URL(baseUrl);
  // `/data` under the base URL's path (an app served under a prefix).
  const path = `${pathname.replace(/\/$/, '')}/data`;
  const head = Buffer.concat([
    Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n`),
    ...headers.flatMap((line) => [typeof line === 'string' ? Buffer.from(line, 'latin1') : line, Buffer.from('\r\n')]),
    Buffer.from('\r\n'),
  ]);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (result: RawResponse | 'closed') => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(15_000, () => finish('closed'));
    socket.on('error', () => finish(parse(received)));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.includes('\r\n\r\n')) finish(parse(received));
    });
    socket.on('end', () => finish(parse(received)));
    socket.write(head);
  });
}

function parse(raw: Buffer): RawResponse | 'closed' {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return 'closed';
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
  });
  return { status, headers };
}
