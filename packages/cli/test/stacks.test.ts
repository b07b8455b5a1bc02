// corsa check and corsa audit on the stacks people run (issue: every server users run), each
// a real server (Debian's packages: Flask, Django, Go with rs/cors, Apache, Caddy; npm's:
// Fastify, Koa): the stack is recognised from what it sends (or named with --stack where it
// sends nothing of its own), the fix is written in that stack's own configuration, and
// applied as printed it makes the check pass and the finding go away.
import {
  CORS_SERVERS,
  RS_CORS_LISTED,
  type RunningServer,
  startApacheInFront,
  startCaddyInFront,
  startDjango,
  startFlask,
  startGoRsCors,
  startNodeApp,
} from '@corsa/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditResult } from '../src/audit.js';
import { FLASK_VARY_HOOK } from '../src/audit-fixes.js';
import type { CheckResult } from '../src/check.js';
import { corsa, corsaJson } from './run.js';

const PAGE = 'http://localhost:5173';

let running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running) await server.stop();
  running = [];
});
const started = async (server: Promise<RunningServer>) => {
  const up = await server;
  running.push(up);
  return up;
};

describe('Flask with flask-cors (Werkzeug)', () => {
  const PUT_JSON = ['--origin', PAGE, '--method', 'PUT', '--header', 'Content-Type: application/json', '--credentials'];

  it('check: recognised from its Server header, the fix is flask-cors configuration, and applied as printed the request passes', async () => {
    const bare = await started(startFlask('none', PAGE));
    const blocked = await corsaJson<CheckResult>('check', `${bare.baseUrl}/api/items`, ...PUT_JSON);
    expect(blocked.code).toBe(1);
    expect(blocked.json.stacks).toEqual([{ name: 'flask', evidence: expect.stringMatching(/^server: Werkzeug\//) }]);
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toBe(`from flask_cors import CORS\n\nCORS(app, origins=["${PAGE}"], supports_credentials=True)`);
    const fixed = await started(startFlask('setup', PAGE, config));
    const passed = await corsaJson<CheckResult>('check', `${fixed.baseUrl}/api/items`, ...PUT_JSON);
    expect(passed.json.failure).toBeNull();
    expect(passed.code).toBe(0);
  });

  it('audit: with supports_credentials, flask-cors sends no Vary: Origin though its answers depend on the Origin; the fix is a Flask hook, and applied the finding is gone', async () => {
    const usual = await started(startFlask('credentials', PAGE));
    const found = await corsaJson<AuditResult>('audit', `${usual.baseUrl}/api/items`, '--origin', PAGE);
    expect(found.json.findings.map((finding) => [finding.class, finding.severity, finding.origin, finding.stack])).toEqual([
      ['missing-vary-origin', 'medium', PAGE, 'Flask'],
    ]);
    expect(found.json.findings[0]?.fix).toContain(FLASK_VARY_HOOK);
    const fixed = await started(startFlask('setup', PAGE, `CORS(app, origins=["${PAGE}"], supports_credentials=True)\n${FLASK_VARY_HOOK}`));
    const clean = await corsaJson<AuditResult>('audit', `${fixed.baseUrl}/api/items`, '--origin', PAGE);
    expect(clean.json.findings).toEqual([]);
    expect(clean.code).toBe(0);
  });
});

/** `corsa check --json` for a PUT of JSON with cookies from PAGE, and any further options. */
const checkPut = (base: string, ...more: string[]) =>
  corsaJson<CheckResult>(
    'check',
    `${base}/api/items`,
    '--origin',
    PAGE,
    '--method',
    'PUT',
    '--header',
    'Content-Type: application/json',
    '--credentials',
    ...more,
  );

describe('Django with django-cors-headers (runserver)', () => {
  it('check: recognised from its Server header, the fix is settings.py (the default headers kept), and applied as printed the request passes', async () => {
    const bare = await started(startDjango('none', PAGE));
    const blocked = await checkPut(bare.baseUrl, '--header', 'X-Api-Key: k');
    expect(blocked.code).toBe(1);
    expect(blocked.json.stacks).toEqual([{ name: 'django', evidence: expect.stringMatching(/^server: WSGIServer\//) }]);
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toContain(`CORS_ALLOWED_ORIGINS = ["${PAGE}"]\nCORS_ALLOW_CREDENTIALS = True\nCORS_ALLOW_HEADERS = (*default_headers, "x-api-key")`);
    const fixed = await started(startDjango('setup', PAGE, config));
    const passed = await checkPut(fixed.baseUrl, '--header', 'X-Api-Key: k');
    expect(passed.json.failure).toBeNull();
    expect(passed.code).toBe(0);
  });

  it('a header outside CORS_ALLOW_HEADERS: the note says the setting replaces the defaults', async () => {
    const listed = await started(startDjango('listed', PAGE));
    const blocked = await checkPut(listed.baseUrl, '--header', 'X-Api-Key: k');
    expect(blocked.json.failure?.kind).toBe('header-not-allowed');
    expect(blocked.json.failure?.fix.stack?.notes.join('\n')).toContain("replaces django-cors-headers' defaults");
  });

  it('audit: an origin regex without its closing $ lets http://localhost.<anything> in; the fix is in CORS_ALLOWED_ORIGIN_REGEXES terms', async () => {
    const regex = await started(startDjango('regex', PAGE));
    const found = await corsaJson<AuditResult>('audit', `${regex.baseUrl}/api/items`, '--origin', PAGE);
    expect(found.json.findings[0]).toMatchObject({ class: 'prefix-match', stack: 'Django' });
    expect(found.json.findings[0]?.fix).toContain('re.match');
    const fixed = await started(startDjango('setup', PAGE, 'CORS_ALLOWED_ORIGIN_REGEXES = [r"^http://localhost:5173$"]\nCORS_ALLOW_CREDENTIALS = True'));
    expect((await corsaJson<AuditResult>('audit', `${fixed.baseUrl}/api/items`, '--origin', PAGE)).json.findings).toEqual([]);
  });
});

describe('Fastify with @fastify/cors', () => {
  it("check: recognised from Fastify's own 404 to the preflight, the fix registers @fastify/cors (PUT added to its GET, HEAD, POST), and applied as printed the request passes", async () => {
    const bare = await started(startNodeApp('fastify', ''));
    const blocked = await checkPut(bare.baseUrl);
    expect(blocked.json.stacks).toEqual([{ name: 'fastify', evidence: '{"message":"Route OPTIONS:/api/items not found"' }]);
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toContain(`await app.register(cors, { origin: ['${PAGE}'], credentials: true, methods: ['GET', 'HEAD', 'POST', 'PUT'] });`);
    expect(blocked.json.failure?.fix.stack?.notes.join('\n')).toContain('Fastify has no OPTIONS route');
    const fixed = await started(startNodeApp('fastify', config));
    const passed = await checkPut(fixed.baseUrl);
    expect(passed.json.failure).toBeNull();
  });

  it("with @fastify/cors's defaults a PUT is refused by its methods; named with --stack, the fix adds it", async () => {
    const listed = await started(CORS_SERVERS['Fastify @fastify/cors, origin listed'](PAGE));
    const blocked = await checkPut(listed.baseUrl, '--stack', 'fastify');
    expect(blocked.json.failure?.kind).toBe('method-not-allowed');
    expect(blocked.json.failure?.fix.stack?.config).toContain("methods: ['GET', 'HEAD', 'POST', 'PUT']");
  });
});

describe('Koa with @koa/cors', () => {
  it('check: Koa sends nothing of its own, so it is named with --stack; the fix is app.use(cors(…)), and applied as printed the request passes', async () => {
    const bare = await started(startNodeApp('koa', ''));
    const unnamed = await checkPut(bare.baseUrl);
    expect(unnamed.json.stacks).toEqual([]);
    const blocked = await checkPut(bare.baseUrl, '--stack', 'koa');
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toContain(`app.use(cors({ origin: '${PAGE}', credentials: true }));`);
    const fixed = await started(startNodeApp('koa', config));
    expect((await checkPut(fixed.baseUrl)).json.failure).toBeNull();
  });

  it('audit: cors({ credentials: true }) sends back any Origin with credentials; with --stack koa the fix names the origin, and applied the findings are gone', async () => {
    const reflecting = await started(CORS_SERVERS['Koa @koa/cors with credentials'](PAGE));
    const found = await corsaJson<AuditResult>('audit', `${reflecting.baseUrl}/api/items`, '--origin', PAGE, '--stack', 'koa');
    expect(found.json.findings[0]).toMatchObject({ class: 'reflects-any-origin-with-credentials', stack: 'Koa' });
    expect(found.json.findings[0]?.fix).toContain(`cors({ origin: '${PAGE}', credentials: true })`);
    const fixed = await started(startNodeApp('koa', `import cors from '@koa/cors';\napp.use(cors({ origin: '${PAGE}', credentials: true }));`));
    expect((await corsaJson<AuditResult>('audit', `${fixed.baseUrl}/api/items`, '--origin', PAGE)).json.findings).toEqual([]);
  });
});

describe('Go with rs/cors', () => {
  it('check: recognised from the Vary lines rs/cors adds to every preflight; its silent refusal is traced to the method, and the fix applied as printed passes', async () => {
    const listed = await started(startGoRsCors(RS_CORS_LISTED, PAGE));
    const blocked = await checkPut(listed.baseUrl);
    expect(blocked.json.stacks.map((stack) => stack.name)).toEqual(['go-rs-cors']);
    expect(blocked.json.silentRefusal?.diagnosis).toEqual({ cause: 'method', method: 'PUT' });
    expect(blocked.json.failure?.fix.explanation).toContain('refused the method PUT');
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toContain('AllowedMethods:   []string{"GET", "POST", "HEAD", "PUT"},');
    const report = await corsa('check', `${listed.baseUrl}/api/items`, '--origin', PAGE, '--method', 'PUT', '--header', 'Content-Type: application/json');
    expect(report.stdout).toContain(
      'Asked again to find the cause (preflights no browser sends):\n    OPTIONS for GET → allowed\n    OPTIONS for PUT → no CORS header',
    );
    const fixed = await started(startGoRsCors(config, PAGE));
    expect((await checkPut(fixed.baseUrl)).json.failure).toBeNull();
  });

  it('a silent refusal traced to a header, and to the origin', async () => {
    const listed = await started(startGoRsCors(RS_CORS_LISTED, PAGE));
    const header = await corsaJson<CheckResult>(
      'check',
      `${listed.baseUrl}/api/items`,
      '--origin',
      PAGE,
      '--header',
      'X-Api-Key: k',
      '--header',
      'X-Requested-With: x',
    );
    expect(header.json.silentRefusal?.diagnosis).toEqual({ cause: 'headers', headers: ['x-api-key'] });
    expect(header.json.failure?.fix.stack?.config).toContain(
      'AllowedHeaders:   []string{"Origin", "Accept", "Content-Type", "X-Requested-With", "X-Api-Key"},',
    );
    const origin = await corsaJson<CheckResult>('check', `${listed.baseUrl}/api/items`, '--origin', 'http://localhost:3000', '--method', 'PUT');
    expect(origin.json.silentRefusal?.diagnosis).toEqual({ cause: 'origin' });
    expect(origin.json.failure?.fix.explanation).toContain('does not allow http://localhost:3000');
  });
});

describe('Apache httpd in front of an API', () => {
  it('check: recognised from its Server header, the fix is mod_headers and mod_rewrite lines, and applied as printed the request passes', async () => {
    const bare = await started(startApacheInFront(''));
    const blocked = await checkPut(bare.baseUrl);
    expect(blocked.json.stacks).toEqual([{ name: 'apache', evidence: expect.stringMatching(/^server: Apache\//) }]);
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toContain(`Header always set Access-Control-Allow-Origin "${PAGE}"`);
    expect(config).toContain('RewriteRule ^ - [R=204,L]');
    const fixed = await started(startApacheInFront(config));
    expect((await checkPut(fixed.baseUrl)).json.failure).toBeNull();
  });

  it('audit: a SetEnvIf that reflects listed origins without Vary: Origin; the fix is one Header line, and applied the finding is gone', async () => {
    const reflecting = await started(CORS_SERVERS['Apache SetEnvIf origin regex'](PAGE));
    const found = await corsaJson<AuditResult>('audit', `${reflecting.baseUrl}/api/items`, '--origin', PAGE);
    expect(found.json.findings.map((finding) => [finding.class, finding.stack])).toEqual([['missing-vary-origin', 'Apache httpd']]);
    const line = /Header always merge Vary "Origin"/.exec(found.json.findings[0]?.fix ?? '')?.[0];
    expect(line).toBeDefined();
    const fixed = await started(
      startApacheInFront(`SetEnvIf Origin "^${PAGE.replaceAll('.', '\\.')}$" CORS_ORIGIN=$0
Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN
Header always set Access-Control-Allow-Credentials "true" env=CORS_ORIGIN
${line}`),
    );
    expect((await corsaJson<AuditResult>('audit', `${fixed.baseUrl}/api/items`, '--origin', PAGE)).json.findings).toEqual([]);
  });
});

describe('Caddy in front of an API', () => {
  it('check: recognised from its Server header, the fix is Caddyfile header and respond lines, and applied as printed the request passes', async () => {
    const bare = await started(startCaddyInFront(''));
    const blocked = await checkPut(bare.baseUrl);
    expect(blocked.json.stacks).toEqual([{ name: 'caddy', evidence: 'server: Caddy' }]);
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toContain('respond @preflight 204');
    const fixed = await started(startCaddyInFront(config));
    expect((await checkPut(fixed.baseUrl)).json.failure).toBeNull();
  });
});

describe('a proxy in front of an app that sends CORS', () => {
  it('nginx adding Access-Control-Allow-Origin over Express cors(): the fix is for the app, with "configure one layer", not a second nginx layer', async () => {
    const both = await started(CORS_SERVERS['nginx add_header over Express cors()'](PAGE));
    const blocked = await corsaJson<CheckResult>('check', `${both.baseUrl}/api/items`, '--origin', PAGE);
    expect(blocked.json.failure?.kind).toBe('multiple-allow-origin');
    expect(blocked.json.stacks.map((stack) => stack.name)).toEqual(['nginx', 'express']);
    expect(blocked.json.failure?.fix.stack?.name).toBe('express');
    expect(blocked.json.failure?.fix.stack?.notes[0]).toContain('nginx sits in front of Express here: configure CORS in one layer only');
  });
});
