// The server side of the WPT-derived cases: what WPT's handlers answer and check, written
// for this suite from their behaviour (web-platform-tests/wpt, fetch/api/resources/
// preflight.py and the `pipe=header(…)` answers of top.txt), on 127.0.0.1.
//
// /preflight?…  answers as preflight.py does:
//   - Access-Control-Allow-Origin: `*`, or one line per `origin` item (split on ", ");
//     Access-Control-Allow-Credentials: true with `credentials`;
//   - a preflight (OPTIONS) without Access-Control-Request-Method, without `Accept: */*`,
//     or (with `checkUserAgentHeaderInPreflight`) without a User-Agent: 400, as WPT's does;
//   - a preflight: `max_age`, `allow_headers`, `allow_methods` as Access-Control-Max-Age,
//     -Allow-Headers, -Allow-Methods; status `preflight_status` (default 200); remembers
//     under `token` that it came and (with `control_request_headers`) the
//     Access-Control-Request-Headers it carried;
//   - any other request: 200 with x-did-preflight (1 when a preflight came for `token`, else
//     0), x-control-request-headers and x-origin, all exposed.
// /redirect?…  answers as redirect.py does: Access-Control-Allow-Origin reflecting Origin with
//   Access-Control-Allow-Credentials: true (`*` without Origin); a preflight gets 200 (with
//   `allow_headers`) unless `redirect_preflight`; anything else `redirect_status` (default
//   302) to `location`, with every query parameter of its own and `count` appended.
// /top?headers=<JSON [name, value][]>  answers 200 `top` with those header lines.
// Over a socket of its own, as WPT's Python server accepts what node:http refuses: any token
// as a method (`NEW`, `*`) and any byte but NUL, CR and LF in a header value (0x01).
import { type AddressInfo, createServer, type Socket } from 'node:net';

interface Stashed {
  preflight: '0' | '1';
  controlRequestHeaders: string;
  /** Redirects made so far. */
  count: number;
}

/** A request as WPT's Python server sees it: any token as method, any byte but NUL, CR, LF in a value (node:http refuses both). */
interface RawRequest {
  readonly method: string;
  readonly target: string;
  /** Lower-case names; lines of one name combined with ", ". */
  readonly headers: ReadonlyMap<string, string>;
}

interface Answer {
  readonly status: number;
  readonly lines: readonly (readonly [string, string])[];
  readonly body?: string;
}

export interface WptServer {
  /** The handler on 127.0.0.1 (WPT's HTTP_REMOTE_ORIGIN). */
  readonly origin: string;
  /** The same handler on another port (WPT's HTTP_ORIGIN_WITH_DIFFERENT_PORT). */
  readonly otherOrigin: string;
  /** The page's origin, `http://localhost:<port of origin>`: served by the handler too, as WPT's HTTP_ORIGIN is. */
  readonly pageOrigin: string;
  stop(): Promise<void>;
}

export async function startWptServer(): Promise<WptServer> {
  const stash = new Map<string, Stashed>();
  const respond = (request: RawRequest): Answer => {
    const url = new URL(request.target, 'http://wpt');
    if (url.pathname === '/preflight') return preflight(request, url.searchParams, stash);
    if (url.pathname === '/redirect') return redirect(request, url.searchParams, stash);
    if (url.pathname === '/top') {
      const lines = JSON.parse(url.searchParams.get('headers') ?? '[]') as [string, string][];
      const typed = lines.some(([name]) => name.toLowerCase() === 'content-type');
      return { status: 200, lines: [...(typed ? [] : [['Content-Type', 'text/plain'] as const]), ...lines], body: 'top' };
    }
    return { status: 404, lines: [] };
  };
  const servers = [createServer((socket) => serve(socket, respond)), createServer((socket) => serve(socket, respond))];
  const ports = await Promise.all(
    servers.map((server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))),
  );
  return {
    origin: `http://127.0.0.1:${ports[0]}`,
    otherOrigin: `http://127.0.0.1:${ports[1]}`,
    pageOrigin: `http://localhost:${ports[0]}`,
    stop: async () => {
      for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One request per connection (the CLI sends `Connection: close`): read its head, answer, close. */
function serve(socket: Socket, respond: (request: RawRequest) => Answer): void {
  let received = Buffer.alloc(0);
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf('\r\n\r\n');
    if (end < 0) return;
    const [requestLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
    const [method = '', target = '/'] = requestLine.split(' ');
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
    }
    const answer = respond({ method, target, headers });
    // A Content-Length the case sets itself is sent as is, with no body.
    const lengthGiven = answer.lines.some(([name]) => name.toLowerCase() === 'content-length');
    const body = lengthGiven || method === 'HEAD' ? '' : (answer.body ?? '');
    const framing = lengthGiven ? [] : [['Content-Length', String(Buffer.byteLength(body))] as const];
    const head = [`HTTP/1.1 ${answer.status} WPT`, ...[...answer.lines, ...framing, ['Connection', 'close']].map(([name, value]) => `${name}: ${value}`)];
    socket.end(Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`, 'latin1'));
  });
}

function preflight(request: RawRequest, query: URLSearchParams, stash: Map<string, Stashed>): Answer {
  const lines: [string, string][] = [['Content-Type', 'text/plain']];
  const origins = query.get('origin');
  if (origins === null) lines.push(['Access-Control-Allow-Origin', '*']);
  else for (const origin of origins.split(', ')) lines.push(['Access-Control-Allow-Origin', origin]);
  if (query.has('credentials')) lines.push(['Access-Control-Allow-Credentials', 'true']);
  const token = query.get('token');
  const header = (name: string) => request.headers.get(name);

  if (request.method === 'OPTIONS') {
    const refuse = (why: string): Answer => ({ status: 400, lines: [['Content-Type', 'text/plain']], body: `ERROR: ${why}` });
    if (header('access-control-request-method') === undefined) return refuse('no Access-Control-Request-Method in the preflight');
    if (header('accept') !== '*/*') return refuse("the preflight has no 'Accept: */*'");
    if (query.has('checkUserAgentHeaderInPreflight') && !header('user-agent')) return refuse('the preflight has no User-Agent');
    const stashed: Stashed = { preflight: token === null ? '0' : '1', controlRequestHeaders: '', count: 0 };
    if (query.has('control_request_headers')) stashed.controlRequestHeaders = header('access-control-request-headers') ?? '';
    for (const [parameter, name] of [
      ['max_age', 'Access-Control-Max-Age'],
      ['allow_headers', 'Access-Control-Allow-Headers'],
      ['allow_methods', 'Access-Control-Allow-Methods'],
    ] as const) {
      const value = query.get(parameter);
      if (value !== null) lines.push([name, value]);
    }
    if (token !== null) stash.set(token, stashed);
    return { status: Number(query.get('preflight_status') ?? 200), lines };
  }

  const stashed = (token !== null ? stash.get(token) : undefined) ?? { preflight: '0', controlRequestHeaders: '', count: 0 };
  if (token !== null) stash.delete(token);
  lines.push(
    ['Access-Control-Expose-Headers', 'x-did-preflight, x-control-request-headers, x-origin'],
    ['x-did-preflight', stashed.preflight],
    ['x-control-request-headers', stashed.controlRequestHeaders],
    ['x-origin', header('origin') ?? ''],
  );
  return { status: 200, lines };
}

function redirect(request: RawRequest, query: URLSearchParams, stash: Map<string, Stashed>): Answer {
  const origin = request.headers.get('origin');
  const lines: [string, string][] = [
    ['Content-Type', 'text/plain'],
    ['Cache-Control', 'no-cache'],
    ['Pragma', 'no-cache'],
    ...(origin !== undefined
      ? ([
          ['Access-Control-Allow-Origin', origin],
          ['Access-Control-Allow-Credentials', 'true'],
        ] as [string, string][])
      : ([['Access-Control-Allow-Origin', '*']] as [string, string][])),
  ];
  const token = query.get('token');
  const stashed = (token !== null ? stash.get(token) : undefined) ?? { preflight: '0', controlRequestHeaders: '', count: 0 };
  if (request.method === 'OPTIONS') {
    const allowHeaders = query.get('allow_headers');
    if (allowHeaders !== null) lines.push(['Access-Control-Allow-Headers', allowHeaders]);
    stashed.preflight = '1';
    if (!query.has('redirect_preflight')) {
      if (token !== null) stash.set(token, stashed);
      return { status: 200, lines };
    }
  }
  stashed.count += 1;
  const location = query.get('location');
  if (location !== null) {
    // The query goes along (so the target sees the token), with the count, as redirect.py does.
    const own = new URLSearchParams(query);
    own.set('count', String(stashed.count));
    lines.push(['Location', `${location}${location.includes('?') ? '&' : '?'}${own}`]);
  }
  if (token !== null) stash.set(token, stashed);
  return { status: Number(query.get('redirect_status') ?? 302), lines };
}
