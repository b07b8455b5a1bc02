// The failures whose console messages the suite captures in each engine: every way a CORS
// answer can be wrong, produced by a hand-written server (not Corsa) so that each one is
// exactly one mistake, plus the answer Corsa gives a refused preflight.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FailureKind } from '../../../cli/src/engine-messages.js';

export interface Scenario {
  /** Stable id, also the failure kind the CLI reports (engine-messages.ts). */
  readonly id: FailureKind;
  /** The fetch() the page runs, against `${api}/${id}`. */
  readonly init: RequestInit;
  /** How the API answers: headers of the preflight (when one is sent) and of the actual response. */
  readonly preflight?: { status: number; headers: (origin: string) => Record<string, string> };
  readonly actual: (origin: string) => Record<string, string>;
  /** The header value engines quote back in their message (`{value}` in engine-messages.ts). */
  readonly quoted?: (origin: string) => string;
}

const ok = (origin: string) => ({ 'access-control-allow-origin': origin });

export const SCENARIOS: readonly Scenario[] = [
  { id: 'no-allow-origin', init: {}, actual: () => ({}) },
  { id: 'allow-origin-mismatch', init: {}, actual: () => ({ 'access-control-allow-origin': 'https://other.example' }), quoted: () => 'https://other.example' },
  {
    id: 'multiple-allow-origin',
    init: {},
    actual: (origin) => ({ 'access-control-allow-origin': `${origin}, https://other.example` }),
    quoted: (origin) => `${origin}, https://other.example`,
  },
  { id: 'wildcard-with-credentials', init: { credentials: 'include' }, actual: () => ({ 'access-control-allow-origin': '*' }) },
  { id: 'credentials-not-allowed', init: { credentials: 'include' }, actual: ok, quoted: () => '' },
  {
    id: 'preflight-refused',
    init: { method: 'PUT' },
    preflight: { status: 403, headers: () => ({ vary: 'Origin' }) }, // Corsa's refused preflight: 403, no Access-Control-*
    actual: ok,
  },
  {
    id: 'preflight-status',
    init: { method: 'PUT' },
    preflight: { status: 401, headers: (origin) => ({ ...ok(origin), 'access-control-allow-methods': 'PUT' }) },
    actual: ok,
  },
  {
    id: 'method-not-allowed',
    init: { method: 'PUT' },
    preflight: { status: 204, headers: (origin) => ({ ...ok(origin), 'access-control-allow-methods': 'GET, POST' }) },
    actual: ok,
  },
  {
    id: 'header-not-allowed',
    init: { headers: { 'x-other': '1' } },
    preflight: { status: 204, headers: (origin) => ({ ...ok(origin), 'access-control-allow-headers': 'content-type' }) },
    actual: ok,
  },
];

/** The API answering every scenario under /<id>, and the page server running one per page. */
export async function startScenarioServers(): Promise<{ apiOrigin: string; pageOrigin: string; pageUrl: (id: string) => string; stop: () => Promise<void> }> {
  const api = createServer((req: IncomingMessage, res: ServerResponse) => {
    const scenario = SCENARIOS.find((s) => req.url === `/${s.id}`);
    const origin = req.headers.origin ?? '';
    if (scenario === undefined) return void res.writeHead(404).end();
    if (req.method === 'OPTIONS' && scenario.preflight) return void res.writeHead(scenario.preflight.status, scenario.preflight.headers(origin)).end();
    res.writeHead(200, { 'content-type': 'text/plain', ...scenario.actual(origin) }).end('reached');
  });
  const page = createServer((req, res) => {
    const id = req.url?.slice(1) ?? '';
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (scenario === undefined) return void res.writeHead(404).end();
    const script = `fetch(${JSON.stringify(`${apiOrigin}/${id}`)}, ${JSON.stringify(scenario.init)}).then(() => console.log('CORSA-DONE allowed'), (e) => console.log('CORSA-DONE ' + e));`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>${id}</title><script>${script}</script>`);
  });
  const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const apiOrigin = `http://127.0.0.1:${await listen(api)}`;
  const pageOrigin = `http://127.0.0.1:${await listen(page)}`;
  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return { apiOrigin, pageOrigin, pageUrl: (id) => `${pageOrigin}/${id}`, stop: async () => (await close(api), await close(page)) };
}
