// Hand-written answers, each exactly one way of getting CORS wrong (or a redirect the
// standard has rules for), served under /<id> by one server; a second server on another
// origin is where the cross-origin redirects go. Together with the real servers they are
// the cases on which `corsa check` and the three engines must agree.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScenarioRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly credentials?: boolean;
}

type Answer = (req: IncomingMessage, res: ServerResponse, other: string) => void;

interface Scenario extends ScenarioRequest {
  readonly id: string;
  readonly answer: Answer;
}

const allow = (req: IncomingMessage, extra: Record<string, string> = {}) => ({ 'access-control-allow-origin': req.headers.origin ?? '', ...extra });
/** A preflight answered with `preflight` (status and headers), the request with the origin allowed. */
const preflighted =
  (
    status: number,
    headers: (req: IncomingMessage) => Record<string, string> | [string, string][],
    actual: (req: IncomingMessage) => Record<string, string> = allow,
  ): Answer =>
  (req, res) =>
    req.method === 'OPTIONS' ? void res.writeHead(status, headers(req)).end() : void res.writeHead(200, actual(req)).end('reached');
const simple =
  (status: number, headers: (req: IncomingMessage) => Record<string, string>): Answer =>
  (req, res) =>
    void res.writeHead(status, headers(req)).end('reached');

export const SCENARIOS: readonly Scenario[] = [
  { id: 'no-allow-origin', answer: simple(200, () => ({})) },
  { id: 'no-allow-origin-500', answer: simple(500, () => ({})) },
  { id: 'allow-origin-mismatch', answer: simple(200, () => ({ 'access-control-allow-origin': 'https://other.example' })) },
  { id: 'allow-origin-trailing-slash', answer: simple(200, (req) => ({ 'access-control-allow-origin': `${req.headers.origin}/` })) },
  { id: 'multiple-allow-origin', answer: simple(200, (req) => ({ 'access-control-allow-origin': `${req.headers.origin}, https://other.example` })) },
  // Apache's `Header set Access-Control-Allow-Origin "https://a.example https://b.example"`: one line, a space-separated list.
  { id: 'space-separated-allow-origin', answer: simple(200, (req) => ({ 'access-control-allow-origin': `${req.headers.origin} https://other.example` })) },
  {
    id: 'two-allow-origin-lines',
    answer: (req, res) =>
      void res
        .writeHead(200, [
          ['access-control-allow-origin', req.headers.origin ?? ''],
          ['access-control-allow-origin', req.headers.origin ?? ''],
        ])
        .end('reached'),
  },
  {
    id: 'two-allow-origin-lines-canonical',
    answer: (req, res) =>
      void res
        .writeHead(200, [
          ['Access-Control-Allow-Origin', req.headers.origin ?? ''],
          ['Access-Control-Allow-Origin', req.headers.origin ?? ''],
        ])
        .end('reached'),
  },
  {
    id: 'wildcard-with-credentials',
    credentials: true,
    answer: simple(200, () => ({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' })),
  },
  { id: 'credentials-not-allowed', credentials: true, answer: simple(200, (req) => allow(req)) },
  { id: 'credentials-uppercase', credentials: true, answer: simple(200, (req) => allow(req, { 'access-control-allow-credentials': 'TRUE' })) },
  { id: 'preflight-refused-403', method: 'PUT', answer: preflighted(403, () => ({ vary: 'Origin' })) },
  { id: 'preflight-no-allow-origin-204', method: 'PUT', answer: preflighted(204, () => ({})) },
  {
    id: 'preflight-mismatch',
    method: 'PUT',
    answer: preflighted(204, () => ({ 'access-control-allow-origin': 'https://other.example', 'access-control-allow-methods': 'PUT' })),
  },
  {
    id: 'preflight-multiple',
    method: 'PUT',
    answer: preflighted(204, (req) => [
      ['access-control-allow-origin', req.headers.origin ?? ''],
      ['access-control-allow-origin', req.headers.origin ?? ''],
      ['access-control-allow-methods', 'PUT'],
    ]),
  },
  {
    id: 'preflight-wildcard-with-credentials',
    method: 'PUT',
    credentials: true,
    answer: preflighted(204, () => ({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'PUT' })),
  },
  {
    id: 'preflight-credentials-not-allowed',
    method: 'PUT',
    credentials: true,
    answer: preflighted(204, (req) => allow(req, { 'access-control-allow-methods': 'PUT' })),
  },
  { id: 'preflight-status-401', method: 'PUT', answer: preflighted(401, (req) => allow(req, { 'access-control-allow-methods': 'PUT' })) },
  { id: 'preflight-status-500', method: 'PUT', answer: preflighted(500, (req) => allow(req, { 'access-control-allow-methods': 'PUT' })) },
  { id: 'preflight-redirect', method: 'PUT', answer: preflighted(307, (req) => allow(req, { 'access-control-allow-methods': 'PUT', location: '/elsewhere' })) },
  { id: 'preflight-redirect-bare', method: 'PUT', answer: preflighted(301, () => ({ location: '/elsewhere' })) },
  { id: 'method-not-allowed', method: 'PUT', answer: preflighted(204, (req) => allow(req, { 'access-control-allow-methods': 'GET, POST' })) },
  { id: 'method-lower-case', method: 'PUT', answer: preflighted(204, (req) => allow(req, { 'access-control-allow-methods': 'put' })) },
  { id: 'method-patch-as-written', method: 'patch', answer: preflighted(204, (req) => allow(req, { 'access-control-allow-methods': 'PATCH' })) },
  { id: 'method-absent', method: 'DELETE', answer: preflighted(204, (req) => allow(req)) },
  {
    id: 'method-star-with-credentials',
    method: 'PUT',
    credentials: true,
    answer: preflighted(
      204,
      (req) => allow(req, { 'access-control-allow-credentials': 'true', 'access-control-allow-methods': '*' }),
      (req) => allow(req, { 'access-control-allow-credentials': 'true' }),
    ),
  },
  {
    id: 'header-not-allowed',
    headers: { 'x-api-key': '1' },
    answer: preflighted(204, (req) => allow(req, { 'access-control-allow-headers': 'content-type' })),
  },
  {
    id: 'header-content-type',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    answer: preflighted(204, (req) => allow(req, { 'access-control-allow-headers': 'x-a' })),
  },
  { id: 'header-mixed-case', headers: { 'X-Custom-Thing': '1' }, answer: preflighted(204, (req) => allow(req, { 'access-control-allow-headers': 'x-a' })) },
  {
    id: 'header-authorization-listed',
    headers: { Authorization: 'Bearer t' },
    answer: preflighted(204, (req) => allow(req, { 'access-control-allow-headers': 'x-a' })),
  },
  {
    id: 'header-authorization-star',
    headers: { authorization: 'Bearer t' },
    answer: preflighted(204, (req) => allow(req, { 'access-control-allow-headers': '*' })),
  },
  {
    id: 'header-star-with-credentials',
    headers: { 'x-a': '1' },
    credentials: true,
    answer: preflighted(
      204,
      (req) => allow(req, { 'access-control-allow-credentials': 'true', 'access-control-allow-headers': '*' }),
      (req) => allow(req, { 'access-control-allow-credentials': 'true' }),
    ),
  },
  { id: 'invalid-allow-headers', headers: { 'x-a': '1' }, answer: preflighted(204, (req) => allow(req, { 'access-control-allow-headers': 'x a' })) },
  { id: 'invalid-allow-methods', method: 'PUT', answer: preflighted(204, (req) => allow(req, { 'access-control-allow-methods': 'PUT GET' })) },
  {
    id: 'redirect-with-allow-origin',
    answer: (req, res) =>
      req.url?.endsWith('/target') ? void res.writeHead(200, allow(req)).end() : void res.writeHead(302, allow(req, { location: `${req.url}/target` })).end(),
  },
  {
    id: 'redirect-without-allow-origin',
    answer: (req, res) =>
      req.url?.endsWith('/target') ? void res.writeHead(200, allow(req)).end() : void res.writeHead(302, { location: `${req.url}/target` }).end(),
  },
  { id: 'redirect-cross-origin-reflects-null', answer: (req, res, other) => void res.writeHead(302, allow(req, { location: `${other}/reflect` })).end() },
  { id: 'redirect-cross-origin-mismatch', answer: (req, res, other) => void res.writeHead(302, allow(req, { location: `${other}/mismatch` })).end() },
  {
    id: 'redirect-with-userinfo',
    answer: (req, res, other) => void res.writeHead(302, allow(req, { location: `${other.replace('//', '//user:secret@')}/star` })).end(),
  },
  {
    id: 'redirect-then-preflight',
    method: 'PUT',
    answer: (req, res, other) =>
      req.method === 'OPTIONS'
        ? void res.writeHead(204, allow(req, { 'access-control-allow-methods': 'PUT' })).end()
        : void res.writeHead(307, allow(req, { location: `${other}/star` })).end(),
  },
  {
    id: 'redirect-keeps-authorization',
    headers: { authorization: 'Bearer t' },
    answer: (req, res, other) =>
      req.method === 'OPTIONS'
        ? void res.writeHead(204, allow(req, { 'access-control-allow-headers': 'authorization' })).end()
        : void res.writeHead(307, allow(req, { location: `${other}/star` })).end(),
  },
  {
    id: 'post-303-becomes-get',
    method: 'POST',
    answer: (req, res) =>
      req.url?.endsWith('/target') ? void res.writeHead(200, allow(req)).end() : void res.writeHead(303, allow(req, { location: `${req.url}/target` })).end(),
  },
  {
    // Written on the socket: node:http refuses a NUL byte in a header value (and so do browsers: a network error).
    id: 'nul-in-allow-origin',
    answer: (req) =>
      void req.socket.end(
        `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ${req.headers.origin ?? ''}\0\r\nContent-Length: 7\r\nConnection: close\r\n\r\nreached`,
      ),
  },
];

/** The answers ignore the query each case adds to make its URL its own (engines' caches outlive a case). */
function withoutQuery(req: IncomingMessage): void {
  req.url = req.url?.replace(/\?.*/, '');
}

/** The scenario server (a scenario's fetch goes to `${base}/<id>`) and the other-origin server. */
export async function startScenarioServers(): Promise<{ base: string; stop: () => Promise<void> }> {
  const other = createServer((req, res) => {
    withoutQuery(req);
    const origin = req.headers.origin ?? '';
    if (req.url === '/star') return void res.writeHead(200, { 'access-control-allow-origin': '*' }).end('star');
    if (req.url === '/mismatch') return void res.writeHead(200, { 'access-control-allow-origin': 'https://other.example' }).end('mismatch');
    res.writeHead(200, { 'access-control-allow-origin': origin }).end(`origin ${origin}`);
  });
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const otherOrigin = await listen(other);
  const api = createServer((req, res) => {
    withoutQuery(req);
    const id = req.url?.split('/')[1] ?? '';
    const scenario = SCENARIOS.find((candidate) => candidate.id === id);
    if (scenario === undefined) return void res.writeHead(404).end();
    scenario.answer(req, res, otherOrigin);
  });
  const apiOrigin = await listen(api);
  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return { base: apiOrigin, stop: async () => (await close(api), await close(other)) };
}
