// `corsa check` against Chromium, Firefox and WebKit: every case is one fetch() from a page,
// run by the CLI and by each engine against the same live server. For each engine the
// CLI's verdict must be the engine's, and when the engine blocks, the message the CLI
// predicts must be among what the engine printed to its console. A disagreement is a bug in
// the CLI or an engine fact to record (packages/cli/src/engine-facts.ts).
//
// Servers: hand-written answers (one mistake each, redirects), real third-party set-ups
// (FastAPI, Flask with flask-cors, nginx, Express with cors, hono/cors), and every Corsa adapter in its runtime.
// The README's troubleshooting table is checked last, from the cases verified here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CORS_SERVERS, type CorsServerName, type RunningServer } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailedStep } from '../../cli/src/browser-fetch.js';
import { check } from '../../cli/src/check.js';
import { ENGINE_FACTS } from '../../cli/src/engine-facts.js';
import { engineMessage, NO_CONSOLE_MESSAGE } from '../../cli/src/engine-messages.js';
import { type CheckFailure, corsCheck, preflightCheck } from '../../cli/src/fetch-standard.js';
import { browserRequestOf } from '../../cli/src/request-spec.js';
import { ADAPTERS } from './adapters.js';
import { type FetchPages, startFetchPages } from './cli-agreement/fetch-page.js';
import { SCENARIOS, type ScenarioRequest, startScenarioServers } from './cli-agreement/scenarios.js';
import { ENGINE_NAMES, type Engine, type EngineName } from './engines/index.js';
import { launchEngines } from './engines/suite.js';

let engines: Map<EngineName, Engine>;
let pages: FetchPages;
/** `engine step kind` of every block whose message an engine printed as the CLI said. */
const verified = new Set<string>();

beforeAll(async () => {
  [engines, pages] = await Promise.all([launchEngines(), startFetchPages()]);
}, 600_000);

afterAll(async () => {
  for (const engine of engines?.values() ?? []) await engine.close();
  await pages?.stop();
});

interface Case extends ScenarioRequest {
  /** The path on the server. */
  readonly path: string;
  /** The page's origin: the one the servers list (default), or another. */
  readonly page?: 'listed' | 'other';
}

const label = (c: Case) =>
  `${c.method ?? 'GET'} ${c.path}${c.headers ? ` ${Object.keys(c.headers).join(',')}` : ''}${c.credentials ? ' with credentials' : ''}${c.page === 'other' ? ' from an unlisted origin' : ''}`;

let cases = 0;

/**
 * Runs `c` with the CLI and in the three engines, and compares. Every case gets a URL of its
 * own (`?case=N`, which the servers ignore): WebKit's MiniBrowser serves every case, and its
 * preflight and HTTP caches must not answer for a later one.
 */
async function agree(base: string, c: Case): Promise<void> {
  const url = `${base}${c.path}?case=${++cases}`;
  const origin = c.page === 'other' ? pages.otherOrigin : pages.listedOrigin;
  const headers = c.headers ?? {};
  const result = await check(
    browserRequestOf({
      url,
      origin,
      ...(c.method ? { method: c.method } : {}),
      headers: Object.entries(headers).map(([name, value]) => `${name}=${value}`),
      credentials: c.credentials ?? false,
    }),
  );
  const init: RequestInit = { ...(c.method ? { method: c.method } : {}), headers, credentials: c.credentials ? 'include' : 'same-origin' };
  const consoles = await Promise.all(ENGINE_NAMES.map((name) => (engines.get(name) as Engine).consoleOf(pages.pageUrl(origin, { url, init }))));
  ENGINE_NAMES.forEach((name, i) => {
    const printed = consoles[i] ?? [];
    const allowed = printed.includes('CORSA-DONE allowed');
    expect(allowed || printed.some((line) => line.startsWith('CORSA-DONE TypeError')), `${name} never finished the fetch: ${printed.join(' | ')}`).toBe(true);
    const verdict = result.engines[name];
    expect(
      verdict.allowed,
      `${name} ${allowed ? 'allowed' : 'blocked'} it; the CLI says ${verdict.allowed ? 'allowed' : 'blocked'}. Console: ${printed.join(' | ')}`,
    ).toBe(allowed);
    if (!allowed) {
      const kind = verdict.failure?.kind;
      if (kind !== undefined && NO_CONSOLE_MESSAGE[name].includes(kind)) {
        // The CLI says this engine prints nothing: only the script's own line may be there.
        expect(
          printed.filter((line) => !line.startsWith('CORSA-DONE')),
          `${name} printed something after all`,
        ).toEqual([]);
        expect(verdict.message).toBeNull();
      } else {
        expect(verdict.message, `no message for ${name} ${verdict.failure?.step} ${kind}`).not.toBeNull();
        expect(printed, `${name}: the CLI predicts ${JSON.stringify(verdict.message)}; the engine printed ${JSON.stringify(printed)}`).toContain(
          verdict.message,
        );
      }
      verified.add(`${name} ${verdict.failure?.step} ${kind}`);
    }
  });
}

describe('hand-written answers', () => {
  let servers: Awaited<ReturnType<typeof startScenarioServers>>;
  beforeAll(async () => {
    servers = await startScenarioServers();
  });
  afterAll(() => servers?.stop());

  it.each(SCENARIOS)('$id', (scenario) => agree(servers.base, { ...scenario, path: `/${scenario.id}` }));
});

/** Requests for the third-party set-ups (paths from testkit/src/cors-servers.ts). */
const JSON_PUT: Case = { path: '/api/items', method: 'PUT', headers: { 'content-type': 'application/json' }, credentials: true };
const THIRD_PARTY: Record<CorsServerName, Case[]> = {
  'FastAPI, origins listed': [
    { path: '/api/items' },
    JSON_PUT,
    { path: '/api/items', headers: { authorization: 'Bearer t' } },
    { path: '/api/boom' },
    { path: '/api/list' },
    { path: '/api/items', page: 'other' },
  ],
  'FastAPI, "*" with credentials': [{ path: '/api/items' }, { path: '/api/items', credentials: true }, JSON_PUT],
  'FastAPI, origins only': [JSON_PUT, { path: '/api/items', headers: { 'x-api-key': 'k' } }, { path: '/api/items', credentials: true }],
  'Flask, flask-cors with credentials': [{ path: '/api/items', credentials: true }, JSON_PUT, { path: '/api/items', page: 'other' }],
  // Each further stack: the refusal its usual set-up makes, in that stack's own shape (one
  // case each: every engine judges headers, whichever server sent them).
  'Django, django-cors-headers listed': [
    { ...JSON_PUT, headers: { 'x-api-key': 'k' } },
    { ...JSON_PUT, page: 'other' },
  ],
  'Django, origin regex without $': [{ path: '/api/items', credentials: true }],
  'Fastify @fastify/cors, origin listed': [JSON_PUT],
  'Koa @koa/cors with credentials': [{ path: '/api/items', credentials: true, page: 'other' }],
  'Go rs/cors, origin listed': [JSON_PUT],
  'Apache Header set "*"': [{ path: '/api/items', method: 'PUT' }],
  'Apache SetEnvIf origin regex': [{ path: '/api/items', page: 'other' }],
  'Caddy header "*"': [{ path: '/api/items', method: 'PUT' }],
  'nginx add_header, no always': [{ path: '/api/items' }, { path: '/api/missing' }, { path: '/api/boom' }, { path: '/api/items', method: 'PUT' }],
  'nginx add_header over Express cors()': [{ path: '/api/items' }, { path: '/api/items', method: 'PUT' }],
  'Express cors()': [{ path: '/api/items' }, { path: '/api/items', credentials: true }, JSON_PUT],
  'Express cors, origin listed': [
    { path: '/api/items', credentials: true },
    { ...JSON_PUT, headers: { 'x-api-key': 'k' } },
    { path: '/api/items', page: 'other' },
  ],
  'Express cors, origin: true': [{ path: '/api/items', credentials: true }, JSON_PUT],
  'Express cors, origin: /localhost/': [
    { path: '/api/items', credentials: true },
    { path: '/api/items', page: 'other' },
  ],
  'hono/cors, origin listed': [{ path: '/api/items', credentials: true }, JSON_PUT, { path: '/api/items', page: 'other' }],
  'hono/cors()': [{ path: '/api/items' }, { path: '/api/items', credentials: true }],
};

describe.each(Object.keys(THIRD_PARTY) as CorsServerName[])('%s', (name) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await CORS_SERVERS[name](pages.listedOrigin);
  }, 60_000);
  afterAll(() => server?.stop());

  it.each(THIRD_PARTY[name].map((c) => [label(c), c] as const))('%s', (_label, c) => agree(server.baseUrl, c));
});

/** Requests for Corsa's browser API (testkit/src/browser-app.ts): /strict lists the page's origin, /any is '*'. */
const CORSA_CASES: Case[] = [
  { path: '/strict/data', credentials: true },
  { ...JSON_PUT, path: '/strict/items' },
  { path: '/strict/items', headers: { authorization: 'Bearer t' } },
  { path: '/strict/items', method: 'PATCH' },
  { path: '/strict/items', headers: { 'x-other': '1' } },
  { path: '/strict/data', page: 'other' },
  { path: '/strict/items', method: 'PUT', page: 'other' },
  { path: '/any/data', credentials: true },
  // Errors are not CORS failures: a handler that throws is a 500 with the CORS answer, in
  // every adapter, and a missing route a 404 with it; the page sees the status.
  { path: '/strict/boom', credentials: true },
  { ...JSON_PUT, path: '/strict/boom' },
  { path: '/strict/missing' },
];

/**
 * Through every other adapter, what its plumbing alone decides: the error status (the
 * adapter's or framework's 500, with the CORS answer). The CLI judges the same headers
 * whichever adapter sent them, so each kind of refusal (method, header, origin,
 * credentials) runs once, on Hono; in every adapter the refusals are checked over HTTP by
 * the shared vectors and in each engine by the browser matrix (browser.test.ts).
 */
const EVERY_ADAPTER = new Set(['GET /strict/boom with credentials']);

describe.each(ADAPTERS)('%s', (name, start) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start([pages.listedOrigin], pages.listedOrigin.replace('localhost', '*.localhost'));
  }, 300_000);
  afterAll(() => server?.stop());

  const cases = name === ADAPTERS[0]?.[0] ? CORSA_CASES : CORSA_CASES.filter((c) => EVERY_ADAPTER.has(label(c)));
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_label, c) => agree(server.baseUrl, c));

  it('an error status is allowed as the page sees it, and the report says it is not CORS', async () => {
    const result = await check(browserRequestOf({ url: `${server.baseUrl}/strict/boom`, origin: pages.listedOrigin, headers: [], credentials: true }));
    expect(result.allowed).toBe(true);
    expect(result.actual?.received.status).toBe(500);
    expect(result.notes.join('\n')).toContain('500');
  });
});

// The README's troubleshooting table: each row is an answer, rendered per engine with the
// engine's own check order, quoted with the README's example values, and every message it
// shows was printed by that engine in a case above.
const EXAMPLE = { url: 'http://localhost:8000/api/items', origin: 'http://localhost:5173' };

interface Row {
  readonly step: 'preflight' | 'actual';
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly method?: string;
  readonly requestHeaders?: Record<string, string>;
  readonly credentials?: boolean;
  /** The `Access-Control-Allow-Origin` lines as spelled on the wire, when there are several. */
  readonly allowOriginNames?: readonly string[];
}

const allowed = { 'access-control-allow-origin': EXAMPLE.origin };
const README_ROWS: Record<string, Row> = {
  'no-allow-origin': { step: 'actual', status: 200, headers: {} },
  'allow-origin-mismatch': { step: 'actual', status: 200, headers: { 'access-control-allow-origin': 'https://app.example.com' } },
  // Two layers, two lines: what nginx's add_header over an app that answers CORS sends.
  'multiple-allow-origin': {
    step: 'actual',
    status: 200,
    headers: { 'access-control-allow-origin': `${EXAMPLE.origin}, ${EXAMPLE.origin}` },
    allowOriginNames: ['Access-Control-Allow-Origin', 'Access-Control-Allow-Origin'],
  },
  'wildcard-with-credentials': {
    step: 'actual',
    status: 200,
    headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
    credentials: true,
  },
  'credentials-not-allowed': { step: 'actual', status: 200, headers: allowed, credentials: true },
  'no-allow-origin at the preflight': { step: 'preflight', status: 403, headers: {}, method: 'PUT' },
  'preflight-status': { step: 'preflight', status: 405, headers: { ...allowed, 'access-control-allow-methods': 'PUT' }, method: 'PUT' },
  'preflight-redirect': {
    step: 'preflight',
    status: 307,
    headers: { ...allowed, 'access-control-allow-methods': 'PUT', location: '/api/items/' },
    method: 'PUT',
  },
  'method-not-allowed': { step: 'preflight', status: 204, headers: { ...allowed, 'access-control-allow-methods': 'GET, POST' }, method: 'PUT' },
  'header-not-allowed': {
    step: 'preflight',
    status: 204,
    headers: { ...allowed, 'access-control-allow-headers': 'content-type' },
    requestHeaders: { 'x-api-key': 'k' },
  },
};

/** What `engine` reports for a README row's answer. */
function rowFailure(engine: EngineName, row: Row): FailedStep {
  const credentials = row.credentials ? 'include' : 'same-origin';
  const headers = new Headers(row.headers);
  const question = { origin: EXAMPLE.origin, method: row.method ?? 'GET', headers: row.requestHeaders ?? {}, credentials } as const;
  const failure: CheckFailure | undefined =
    row.step === 'preflight' ? preflightCheck(question, row.status, headers, ENGINE_FACTS[engine].preflight) : corsCheck(EXAMPLE.origin, credentials, headers);
  if (!failure) throw new Error(`README row ${JSON.stringify(row)} is allowed by ${engine}`);
  return {
    ...failure,
    step: row.step,
    url: EXAMPLE.url,
    firstUrl: EXAMPLE.url,
    origin: EXAMPLE.origin,
    pageOrigin: EXAMPLE.origin,
    status: row.status,
    method: question.method,
    requestHeaders: question.headers,
    ...(row.allowOriginNames ? { allowOriginNames: row.allowOriginNames } : {}),
  };
}

function troubleshootingRows(): { label: string; cells: Record<EngineName, string> }[] {
  const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  const header = '| what went wrong | Chromium | Firefox | WebKit (Safari) | fix |';
  const start = readme.indexOf(header);
  if (start < 0) throw new Error(`README.md has no table headed ${header}`);
  const lines = readme.slice(start).split('\n');
  return lines.slice(2, lines.indexOf('', 2)).map((line) => {
    const [what = '', chromium = '', firefox = '', webkit = ''] = line.replace(/^\| /, '').split(' | ');
    return { label: /^`([a-z-]+)`( at the preflight)?/.exec(what)?.slice(1).join('') ?? what, cells: { chromium, firefox, webkit } };
  });
}

describe("the README's troubleshooting table", () => {
  const rows = troubleshootingRows();

  it('has the rows the suite renders, in order', () => {
    expect(rows.map((row) => row.label)).toEqual(Object.keys(README_ROWS));
  });

  it.each(rows)('$label: each engine column quotes what that engine printed above', ({ label: name, cells }) => {
    const row = README_ROWS[name] as Row;
    for (const engine of ENGINE_NAMES) {
      const failure = rowFailure(engine, row);
      expect(verified, `${engine} never printed a ${failure.step} ${failure.kind} in this run`).toContain(`${engine} ${failure.step} ${failure.kind}`);
      const printed = engineMessage(engine, failure) ?? '';
      const quoted = /^`(…)?([^`]+)`$/.exec(cells[engine].trim());
      expect(quoted, `${name}, ${engine}: a cell is one \`message\`, or \`…the end of it\``).not.toBeNull();
      const [, elided, text = ''] = quoted ?? [];
      if (elided) expect(printed.endsWith(text), `${engine} prints ${printed}`).toBe(true);
      else expect(text).toBe(printed);
    }
  });
});
