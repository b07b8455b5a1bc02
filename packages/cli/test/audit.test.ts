// corsa audit against real servers configured as people configure them: FastAPI
// (Starlette's CORSMiddleware, Debian's python3-fastapi), Flask, Django, Go with rs/cors,
// nginx, Apache and Caddy (Debian), Express with `cors`, Fastify, Koa, Hono with
// hono/cors, and Corsa. Every class each one shows is listed here, so a
// class that appears or disappears fails the test.
import { fileURLToPath } from 'node:url';
import { CORS_SERVERS, type CorsServerName, type RunningServer, startFastApi } from '@corsa/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startHonoNode } from '../../browser/servers/hono-node.js';
import { type AuditResult, MAX_PROBES } from '../src/audit.js';
import { stackFix } from '../src/audit-fixes.js';
import { corsa, corsaJson, recordingServer } from './run.js';

const PAGE = 'http://localhost:5173';

/** What the audit finds on each set-up, with the trusted origin `PAGE`: class and severity, `*` when it follows from another finding (its cause). */
const EXPECTED: Record<CorsServerName | 'Corsa (@corsa/hono), origins listed' | 'FastAPI, origins listed, with the advised Vary middleware', string[]> = {
  'FastAPI, origins listed': ['missing-vary-origin medium'],
  'FastAPI, origins listed, with the advised Vary middleware': [],
  'FastAPI, "*" with credentials': [
    'reflects-any-origin-with-credentials high',
    'null-origin-allowed high *',
    'prefix-match high *',
    'suffix-match high *',
    'special-character-bypass high *',
    'any-subdomain-trusted high *',
    'wildcard-with-credentials low',
  ],
  'FastAPI, origins only': ['missing-vary-origin medium'],
  'Flask, flask-cors with credentials': ['missing-vary-origin medium'],
  'Django, django-cors-headers listed': [],
  'Django, origin regex without $': ['prefix-match high', 'special-character-bypass high *'],
  'Fastify @fastify/cors, origin listed': [],
  'Koa @koa/cors with credentials': [
    'reflects-any-origin-with-credentials high',
    'null-origin-allowed high *',
    'prefix-match high *',
    'suffix-match high *',
    'special-character-bypass high *',
    'any-subdomain-trusted high *',
  ],
  'Go rs/cors, origin listed': [],
  'Apache Header set "*"': [],
  'Apache SetEnvIf origin regex': ['missing-vary-origin medium'],
  'Caddy header "*"': [],
  'nginx add_header, no always': [],
  'nginx add_header over Express cors()': ['duplicate-allow-origin medium'],
  'Express cors()': [],
  'Express cors, origin listed': [],
  'Express cors, origin: true': [
    'reflects-any-origin-with-credentials high',
    'null-origin-allowed high *',
    'prefix-match high *',
    'suffix-match high *',
    'special-character-bypass high *',
    'any-subdomain-trusted high *',
  ],
  'Express cors, origin: /localhost/': ['prefix-match high', 'suffix-match high', 'special-character-bypass high *', 'any-subdomain-trusted medium'],
  'hono/cors, origin listed': [],
  'hono/cors()': [],
  'Corsa (@corsa/hono), origins listed': [],
};

const START: Record<keyof typeof EXPECTED, (page: string) => Promise<RunningServer>> = {
  ...CORS_SERVERS,
  'Corsa (@corsa/hono), origins listed': (page) => startHonoNode([page], 'https://*.example.com'),
  'FastAPI, origins listed, with the advised Vary middleware': (page) =>
    startFastApi(fileURLToPath(new URL('../../testkit/servers/', import.meta.url)), 'fastapi_cors:app', { CORS_MODE: 'listed-vary', PAGE_ORIGIN: page }),
};

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('classes found on real servers', () => {
  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])(
    '%s',
    async (name) => {
      running = await START[name](PAGE);
      const path = name.startsWith('Corsa') ? '/strict/data' : '/api/items';
      const { code, json } = await corsaJson<AuditResult>('audit', `${running.baseUrl}${path}`, '--origin', PAGE);
      expect(json.findings.map((finding) => `${finding.class} ${finding.severity}${finding.follows ? ' *' : ''}`)).toEqual(EXPECTED[name]);
      expect(code).toBe(json.findings.some((finding) => finding.severity !== 'low') ? 1 : 0);
      expect(json.probes).toBeLessThanOrEqual(MAX_PROBES);
      for (const finding of json.findings) expect(finding.evidence.status).toBeGreaterThan(0);
    },
    60_000,
  );
});

/** A server allowing what `allows` says (with credentials and Vary: Origin), answering a request without Origin with `bare` headers. */
async function handWritten(allows: (origin: string) => boolean, bare: { status?: number; headers?: Record<string, string> } = { headers: { vary: 'Origin' } }) {
  const server = await recordingServer((req, res) => {
    const origin = req.headers.origin;
    if (origin === undefined) return void res.writeHead(bare.status ?? 200, bare.headers ?? {}).end('{}');
    const allowed = allows(origin);
    res.writeHead(200, { vary: 'Origin', ...(allowed ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {}) }).end('{}');
  });
  running = { baseUrl: server.origin, stop: server.stop };
  return server.origin;
}

const findingsOn = async (base: string, trusted: string) =>
  (await corsaJson<AuditResult>('audit', `${base}/api/items`, '--origin', trusted)).json.findings.map(
    (finding) => `${finding.class} ${finding.severity}${finding.follows ? ` (follows ${finding.follows})` : ''}`,
  );

describe("probes whose result proves an outsider's attack, consequences under their cause", () => {
  const TRUSTED = 'https://app.example.com';

  it('a regex trusting every subdomain on purpose (^https://.*\\.example\\.com$) is any-subdomain-trusted, not suffix-match: nobody outside owns a name under example.com', async () => {
    const base = await handWritten((origin) => /^https:\/\/.*\.example\.com$/.test(origin));
    expect(await findingsOn(base, TRUSTED)).toEqual(['any-subdomain-trusted medium']);
  });

  it('endsWith the domain: suffix-match (corsa-auditexample.com, registrable by anyone), and the replaced dot follows from it', async () => {
    const base = await handWritten((origin) => origin.endsWith('example.com'));
    expect(await findingsOn(base, TRUSTED)).toEqual([
      'suffix-match high',
      'unescaped-dot high (follows suffix-match)',
      'any-subdomain-trusted medium',
      'http-origin-trusted medium',
    ]);
  });

  it('a regex with unescaped dots but anchored: unescaped-dot alone (escaping the dots is the fix)', async () => {
    const base = await handWritten((origin) => /^https:\/\/app.example.com$/.test(origin));
    expect(await findingsOn(base, TRUSTED)).toEqual(['unescaped-dot high']);
  });

  it('startsWith: prefix-match, with the special-character origins folded under it', async () => {
    const base = await handWritten((origin) => origin.startsWith(TRUSTED));
    expect(await findingsOn(base, TRUSTED)).toEqual(['prefix-match high', 'special-character-bypass high (follows prefix-match)']);
  });

  it('the answer to a request without Origin lacks Vary: Origin while origins are answered differently: missing-vary-origin (flask-cors with supports_credentials)', async () => {
    const base = await handWritten((origin) => origin === TRUSTED, { headers: {} });
    const { json } = await corsaJson<AuditResult>('audit', `${base}/api/items`, '--origin', TRUSTED);
    expect(json.findings.map((finding) => [finding.class, finding.origin, finding.probe])).toEqual([['missing-vary-origin', '(none)', 'GET without Origin']]);
  });

  it('no finding from a 500 a stranger gets without Vary (no cache stores it), where the old audit raised missing-vary-origin', async () => {
    const server = await recordingServer((req, res) => {
      if (req.headers.origin === TRUSTED) return void res.writeHead(200, { vary: 'Origin', 'access-control-allow-origin': TRUSTED }).end('{}');
      if (req.headers.origin === undefined) return void res.writeHead(200, { vary: 'Origin' }).end('{}');
      res.writeHead(500).end('unknown origin');
    });
    running = { baseUrl: server.origin, stop: server.stop };
    expect(await findingsOn(server.origin, TRUSTED)).toEqual([]);
  });

  it.each([
    ['a 500', { status: 500, headers: {} }],
    ['Cache-Control: no-store', { headers: { 'cache-control': 'no-store' } }],
  ])('no finding from an answer a cache would not store (%s)', async (_, bare) => {
    const base = await handWritten((origin) => origin === TRUSTED, bare);
    expect(await findingsOn(base, TRUSTED)).toEqual([]);
  });
});

describe('bounds', () => {
  it('never follows a redirect to another host, and says so', async () => {
    const other = await recordingServer((_req, res) => res.writeHead(200).end());
    const api = await recordingServer((_req, res) => res.writeHead(301, { location: other.origin.replace('127.0.0.1', 'localhost') }).end());
    try {
      const { json } = await corsaJson<AuditResult>('audit', `${api.origin}/`);
      expect(other.seen).toHaveLength(0);
      expect(json.notes[0]).toMatch(/redirects to http:\/\/localhost:\d+\/, another host: audit does not follow it/);
      expect(api.seen.length).toBeLessThanOrEqual(MAX_PROBES);
    } finally {
      await other.stop();
      await api.stop();
    }
  });

  it('follows a redirect on the same host, then probes the final URL', async () => {
    const api = await recordingServer((req, res) => {
      if (req.url === '/old') return void res.writeHead(308, { location: '/new' }).end();
      res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '' }).end();
    });
    try {
      const { json } = await corsaJson<AuditResult>('audit', `${api.origin}/old`);
      expect(json.url).toBe(`${api.origin}/new`);
      expect(json.findings.map((finding) => finding.class)).toContain('reflects-any-origin');
    } finally {
      await api.stop();
    }
  });

  it("with no --origin, trusts the URL's own origin and says when even that is not allowed", async () => {
    const api = await recordingServer((_req, res) => res.writeHead(200).end());
    try {
      const { json } = await corsaJson<AuditResult>('audit', `${api.origin}/`);
      expect(json.trustedOrigin).toBe(api.origin);
      expect(json.findings).toEqual([]);
      expect(json.notes[0]).toContain(`${api.origin} itself is not allowed`);
    } finally {
      await api.stop();
    }
  });
});

describe('the report for people', () => {
  it('lists each finding with its evidence, why and fix', async () => {
    running = await CORS_SERVERS['Express cors, origin: /localhost/'](PAGE);
    const { stdout, code } = await corsa('audit', `${running.baseUrl}/api/items`, '--origin', PAGE);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ 3 findings: 2 high, 1 medium, 0 low (and 1 that follows from them)');
    expect(stdout).toContain(
      '[high] suffix-match\n    Origin: http://corsa-auditlocalhost:5173  (GET)\n    ← 200\n      Access-Control-Allow-Origin: http://corsa-auditlocalhost:5173',
    );
    expect(stdout).toContain(
      "Fix (Express): cors() tests an origin RegExp anywhere in the Origin (/localhost/ matches http://localhost.evil.example): anchor it and escape the dots, origin: /^http:\\/\\/localhost:5173$/, or list the origins: origin: ['http://localhost:5173'].",
    );
  });

  it("folds what follows from one cause under it, with one fix in the recognised stack's own configuration", async () => {
    running = await CORS_SERVERS['Express cors, origin: true'](PAGE);
    const { stdout, code } = await corsa('audit', `${running.baseUrl}/api/items`, '--origin', PAGE);
    expect(code).toBe(1);
    expect(stdout).toContain('Express (x-powered-by: Express)');
    expect(stdout).toContain('✗ 1 finding: 1 high, 0 medium, 0 low (and 5 that follow from them)');
    expect(stdout).toContain(
      "Fix (Express): cors({ origin: true }) (or an origin function that allows every site) sends back any Origin; list the origins: cors({ origin: ['http://localhost:5173'], credentials: true }).",
    );
    expect(stdout).toMatch(/What follows from it \(the same fix ends each\):\n {6}null-origin-allowed +Origin: null {2}\(GET\)\n {6}prefix-match/);
    // One Fix line: the consequences' own fixes ("remove 'null'") would contradict the configuration.
    expect(stdout.match(/Fix/g)).toHaveLength(1);
  });

  it("names Starlette's missing Vary: Origin as FastAPI's, with the middleware that ends it (tested above)", async () => {
    running = await CORS_SERVERS['FastAPI, origins listed'](PAGE);
    const { stdout } = await corsa('audit', `${running.baseUrl}/api/items`, '--origin', PAGE);
    expect(stdout).toContain("Fix (FastAPI): Starlette's CORSMiddleware adds Vary: Origin only to the responses it allows");
    expect(stdout).toContain('      @app.middleware("http")\n      async def vary_origin(request, call_next):');
  });
});

describe('the fix for the recognised stack', () => {
  it('is Corsa’s when a Corsa-Refusal shows Corsa answers in front of another server (a gateway), the general one for an unknown server', () => {
    const stacks = [
      { name: 'fastapi', evidence: 'server: uvicorn' },
      { name: 'corsa', evidence: 'corsa-refusal: origin not allowed' },
    ] as const;
    expect(stackFix('any-subdomain-trusted', stacks, PAGE, 'general')).toEqual({
      stack: 'Corsa',
      fix: "A pattern like 'https://*.example.com' in origins trusts every subdomain; list the ones that need access: origins: ['http://localhost:5173'].",
    });
    expect(stackFix('http-origin-trusted', stacks, PAGE, 'general')).toEqual({ fix: 'general' });
    expect(stackFix('prefix-match', [], PAGE, 'general')).toEqual({ fix: 'general' });
  });
});
