// corsa check against servers that record what they receive: the requests go out exactly as
// browsers send them, redirects are followed as the standard says, each engine's measured
// deviations decide its verdict, and the exit status follows the verdicts. (What the
// engines themselves do with the same requests is proven in packages/browser,
// cli-agreement.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/check.js';
import { corsa, corsaJson, recordingServers } from './run.js';

const PAGE = 'http://localhost:5173';
const { server, raw } = recordingServers();

/** A raw answer: the status line, the header lines as given, an empty body. */
const answer = (status: number, lines: string[]) => `HTTP/1.1 ${status} X\r\n${[...lines, 'Content-Length: 0'].map((line) => `${line}\r\n`).join('')}\r\n`;

const reflect = (req: IncomingMessage, extra: Record<string, string> = {}) => ({ 'access-control-allow-origin': req.headers.origin ?? '', ...extra });

describe('the requests, as browsers send them', () => {
  it('a preflight with the method and the unsafe header names, lower case, sorted, comma-joined, no cookie; then the request with Origin and the cookie', async () => {
    const api = await server((req, res) => {
      const allow = {
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
        'access-control-allow-headers': 'x-b, content-type, x-a',
      };
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, reflect(req, allow)).end();
    });
    const { code, json } = await corsaJson<CheckResult>(
      'check',
      `${api.origin}/items?x=1`,
      '--origin',
      PAGE,
      '-X',
      'put',
      '-H',
      'X-B=2',
      '-H',
      'Content-Type: application/json',
      '-H',
      'x-a=1',
      '-H',
      'accept=text/plain',
      '--credentials',
      '--cookie',
      'session=abc',
    );
    expect(code).toBe(0);
    expect(json.allowed).toBe(true);
    const [preflight, actual] = api.seen;
    expect(preflight).toMatchObject({ method: 'OPTIONS', url: '/items?x=1' });
    expect(preflight?.headers).toMatchObject({
      origin: PAGE,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-a,x-b',
    });
    expect(preflight?.headers.cookie).toBeUndefined();
    expect(actual).toMatchObject({ method: 'PUT', url: '/items?x=1' });
    expect(actual?.headers).toMatchObject({
      origin: PAGE,
      cookie: 'session=abc',
      'x-a': '1',
      'x-b': '2',
      accept: 'text/plain',
      'content-type': 'application/json',
    });
    expect(api.seen).toHaveLength(2); // four engines walked it, each request went out once
    expect(json.preflight?.sent.headers).toMatchObject({ 'access-control-request-headers': 'content-type,x-a,x-b' });
    expect(json.preflightReason).toBe('PUT is not GET, HEAD or POST; content-type, x-a, x-b are not CORS-safelisted request headers');
  });

  it('a simple request goes alone: no preflight, no cookie without --credentials', async () => {
    const api = await server((req, res) => res.writeHead(200, reflect(req)).end());
    const { json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-X', 'POST', '-H', 'content-type=text/plain;charset=utf-8');
    expect(json.preflight).toBeNull();
    expect(json.preflightReason).toBeNull();
    expect(api.seen.map((seen) => seen.method)).toEqual(['POST']);
  });

  it('a refused preflight stops there: the request is never sent (exit 1)', async () => {
    const api = await server((_req, res) => res.writeHead(403, { vary: 'Origin' }).end());
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-X', 'DELETE');
    expect(code).toBe(1);
    expect(api.seen.map((seen) => seen.method)).toEqual(['OPTIONS']);
    expect(json.actual).toBeNull();
    expect(json.engines.chromium).toMatchObject({ allowed: false, failure: { step: 'preflight', kind: 'no-allow-origin', status: 403 } });
    expect(json.engines.webkit).toMatchObject({ allowed: false, message: 'Preflight response is not successful. Status code: 403' });
  });
});

describe('redirects, as the standard follows them', () => {
  it('a same-origin redirect carrying CORS headers is followed; one without them fails at the redirect', async () => {
    const api = await server((req, res) => {
      if (req.url === '/old') return void res.writeHead(302, reflect(req, { location: '/new' })).end();
      if (req.url === '/bare') return void res.writeHead(302, { location: '/new' }).end();
      res.writeHead(200, reflect(req)).end('ok');
    });
    expect((await corsaJson<CheckResult>('check', `${api.origin}/old`, '--origin', PAGE)).json.allowed).toBe(true);
    const { json } = await corsaJson<CheckResult>('check', `${api.origin}/bare`, '--origin', PAGE);
    expect(json.failure).toMatchObject({ step: 'redirect', kind: 'no-allow-origin', status: 302, location: `${api.origin}/new` });
    expect(json.engines.webkit.message).toBe(
      `Cross-origin redirection to ${api.origin}/new denied by Cross-Origin Resource Sharing policy: Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 302`,
    );
  });

  it('a cross-origin hop taints the origin (Origin: null) and drops Authorization, except in WebKit, which keeps it and preflights it', async () => {
    const other = await server((req, res) => {
      // Reflects the Origin it gets (null after the hop) but allows no request header.
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, reflect(req)).end(`origin ${req.headers.origin}, authorization ${req.headers.authorization}`);
    });
    const api = await server((req, res) => {
      const preflight = req.method === 'OPTIONS';
      res
        .writeHead(
          preflight ? 204 : 307,
          reflect(req, preflight ? { 'access-control-allow-headers': 'authorization' } : { location: `${other.origin}/target` }),
        )
        .end();
    });
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/start`, '--origin', PAGE, '-H', 'authorization=Bearer t');
    expect(code).toBe(1);
    expect(json.engines.chromium.allowed).toBe(true);
    expect(json.engines.firefox.allowed).toBe(true);
    expect(json.engines.webkit).toMatchObject({ allowed: false, failure: { kind: 'header-not-allowed', origin: 'null', url: `${other.origin}/target` } });
    expect(json.engines.webkit.message).toBe('Request header field Authorization is not allowed by Access-Control-Allow-Headers.');
    const hops = other.seen.map((seen) => `${seen.method} origin=${seen.headers.origin} authorization=${seen.headers.authorization ?? '-'}`);
    expect(hops).toEqual(['GET origin=null authorization=-', 'OPTIONS origin=null authorization=-']);
    expect((await corsa('check', `${api.origin}/start`, '--origin', PAGE, '-H', 'authorization=Bearer t')).stdout).toContain(
      '✗ Blocked by WebKit at the preflight: header-not-allowed. (Chromium and Firefox allow it.)',
    );
  });

  it('a preflight answered with a redirect fails, as Chromium names it', async () => {
    const api = await server((req, res) => res.writeHead(308, reflect(req, { location: '/elsewhere', 'access-control-allow-methods': 'PUT' })).end());
    const { json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-X', 'PUT');
    expect(json.engines.chromium.failure).toMatchObject({ kind: 'preflight-redirect' });
    expect(json.engines.chromium.message).toContain(
      "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.",
    );
    expect(json.failure?.fix.explanation).toContain('a preflight never follows a redirect');
  });
});

describe('what the engines do that the standard does not', () => {
  it('Authorization under Access-Control-Allow-Headers: * is allowed by every engine today, and the report says the standard forbids it (exit 0)', async () => {
    const api = await server((req, res) => res.writeHead(req.method === 'OPTIONS' ? 204 : 200, reflect(req, { 'access-control-allow-headers': '*' })).end());
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-H', 'Authorization=Bearer t');
    expect(code).toBe(0);
    expect(json.standard).toMatchObject({ allowed: false, failure: { kind: 'header-not-allowed', header: 'Authorization' } });
    expect(json.notes[0]).toMatch(/^Allowed by today's engines, but not by the Fetch standard: authorization is not named/);
  });
});

describe('each engine’s words for a space-separated Access-Control-Allow-Origin (Apache’s Header set "a b")', () => {
  it('Chromium calls it multiple values; Firefox says it does not match; WebKit that the origin is not allowed', async () => {
    const api = await server((req, res) => res.writeHead(200, { 'access-control-allow-origin': `${req.headers.origin} https://b.example` }).end());
    const { json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE);
    expect(json.engines.chromium.message).toContain(
      `The 'Access-Control-Allow-Origin' header contains multiple values '${PAGE} https://b.example', but only one is allowed.`,
    );
    expect(json.engines.firefox.message).toContain(`does not match ‘${PAGE} https://b.example’`);
    expect(json.engines.webkit.message).toBe(`Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`);
  });
});

describe('every problem of a failed preflight, the fix for the server in front of you', () => {
  it('lists every problem (each engine names only the first it checks) and writes the fix for the recognised stack', async () => {
    const api = await server((req, res) =>
      res.writeHead(400, reflect(req, { 'access-control-allow-methods': 'GET', server: 'uvicorn' })).end('Disallowed CORS method, headers'),
    );
    const run = await corsa('check', `${api.origin}/api/items`, '--origin', PAGE, '-X', 'PUT', '-H', 'x-api-key=k', '--credentials');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The preflight (OPTIONS) has 4 problems; each browser reports the first one it checks:');
    expect(run.stdout).toContain('Fix for FastAPI (recognised from "server: uvicorn")');
    expect(run.stdout).toContain('allow_methods=["GET", "PUT"],');
    expect(run.stdout).toContain('allow_headers=["x-api-key"],');
    expect(run.stdout).toContain('CORSMiddleware refused the preflight ("Disallowed CORS method, headers")');
    expect(run.stdout).toContain("Vite: server: { proxy: { '/api': '");
  });

  it('--stack names the server when its headers do not', async () => {
    const api = await server((_req, res) => res.writeHead(404, {}).end());
    const run = await corsa('check', `${api.origin}/x`, '--origin', 'https://app.example.com', '--stack', 'nginx');
    expect(run.stdout).toContain('Fix for nginx (named with --stack)');
    expect(run.stdout).toContain('add_header Access-Control-Allow-Origin "https://app.example.com" always;');
    expect(run.stdout).not.toContain('dev servers'); // the page is not local
  });
});

describe('a body (--data), sent as fetch() sends it', () => {
  const allowEverything = (req: IncomingMessage) =>
    reflect(req, { 'access-control-allow-methods': 'PUT, POST', 'access-control-allow-headers': 'content-type' });

  it('goes with the request, never with the preflight; the report gives its size, not its text', async () => {
    const api = await server((req, res) => res.writeHead(200, allowEverything(req)).end());
    const args = ['check', `${api.origin}/items/1`, '--origin', PAGE, '-X', 'PUT', '-H', 'Content-Type: application/json', '--data', '{"name":"é"}'];
    const { code, json } = await corsaJson<CheckResult>(...args);
    expect(code).toBe(0);
    expect(api.seen.map(({ method, body }) => [method, body])).toEqual([
      ['OPTIONS', ''],
      ['PUT', '{"name":"é"}'],
    ]);
    expect(api.seen[1]?.headers['content-length']).toBe('13');
    expect(json.actual?.sent.bodyBytes).toBe(13);
    expect(JSON.stringify(json)).not.toContain('"name"');
    expect((await corsa(...args)).stdout).toContain('(body: 13 bytes)');
  });

  it('without a method is a POST, labelled text/plain;charset=UTF-8 when no Content-Type is set: no preflight', async () => {
    const api = await server((req, res) => res.writeHead(200, reflect(req)).end());
    const { json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-d', 'hello');
    expect(json.preflight).toBeNull();
    expect(api.seen.map(({ method, body }) => [method, body])).toEqual([['POST', 'hello']]);
    expect(api.seen[0]?.headers['content-type']).toBe('text/plain;charset=UTF-8');
  });

  it('@file reads the file; a missing file, @ alone and a body on GET are usage errors (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corsa-data-'));
    writeFileSync(join(dir, 'item.json'), '{"id":1}\n');
    const api = await server((req, res) => res.writeHead(200, allowEverything(req)).end());
    await corsa('check', `${api.origin}/`, '--origin', PAGE, '-X', 'PUT', '-H', 'content-type=application/json', '--data', `@${join(dir, 'item.json')}`);
    expect(api.seen.at(-1)?.body).toBe('{"id":1}\n');
    rmSync(dir, { recursive: true });
    const missing = await corsa('check', `${api.origin}/`, '--origin', PAGE, '--data', `@${join(dir, 'gone.json')}`);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('gone.json: cannot read the file (no such file)') });
    expect((await corsa('check', `${api.origin}/`, '--origin', PAGE, '--data', '@')).stderr).toContain('--data @ needs a file name');
    const onGet = await corsa('check', `${api.origin}/`, '--origin', PAGE, '-X', 'GET', '--data', 'x');
    expect(onGet).toMatchObject({ code: 2, stderr: expect.stringContaining('fetch() refuses a body on a GET request') });
    expect((await corsa('audit', `${api.origin}/`, '--data', 'x')).stderr).toContain('--data is an option of corsa check');
  });

  it('follows a 307 on the same origin, is dropped by a 303 (then a GET), and is never sent to another origin', async () => {
    const other = await server((_req, res) => res.writeHead(200, { 'access-control-allow-origin': '*' }).end());
    const api = await server((req, res) => {
      if (req.url === '/keep') return void res.writeHead(307, reflect(req, { location: '/done' })).end();
      if (req.url === '/see-other') return void res.writeHead(303, reflect(req, { location: '/done' })).end();
      if (req.url === '/away') return void res.writeHead(307, reflect(req, { location: `${other.origin}/elsewhere` })).end();
      res.writeHead(200, reflect(req)).end();
    });
    for (const path of ['/keep', '/see-other', '/away']) await corsa('check', `${api.origin}${path}`, '--origin', PAGE, '--data', 'secret=1');
    expect(api.seen.map(({ method, url, body }) => [method, url, body])).toEqual([
      ['POST', '/keep', 'secret=1'],
      ['POST', '/done', 'secret=1'],
      ['POST', '/see-other', 'secret=1'],
      ['GET', '/done', ''],
      ['POST', '/away', 'secret=1'],
    ]);
    expect(other.seen.map(({ method, body, headers }) => [method, body, headers['content-length']])).toEqual([['POST', '', '0']]);
  });
});

describe('the requests on the wire, as an engine sends them', () => {
  it('a preflight carries Accept: */*, the request Accept: */* unless the script sets one, and both a User-Agent (WPT’s preflight handler answers 400 without Accept)', async () => {
    const api = await server((req, res) => {
      if (req.method === 'OPTIONS' && req.headers.accept !== '*/*') return void res.writeHead(400).end();
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, reflect(req, { 'access-control-allow-methods': 'PUT' })).end();
    });
    const { code } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-X', 'PUT');
    expect(code).toBe(0);
    await corsa('check', `${api.origin}/`, '--origin', PAGE, '-H', 'accept=application/json');
    expect(api.seen.map(({ method, headers }) => [method, headers.accept])).toEqual([
      ['OPTIONS', '*/*'],
      ['PUT', '*/*'],
      ['GET', 'application/json'],
    ]);
    for (const seen of api.seen) expect(seen.headers['user-agent']).toMatch(/^Mozilla\/5\.0 \(compatible; corsa-check/);
  });

  it('a header value keeps what fetch() keeps: a trailing \\v is not trimmed away, so text/plain\\v needs a preflight, and goes out byte for byte', async () => {
    const api = await raw((head) =>
      answer(head.startsWith('OPTIONS') ? 204 : 200, ['Access-Control-Allow-Origin: *', 'Access-Control-Allow-Headers: content-type']),
    );
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-X', 'POST', '-H', 'Content-Type: text/plain\v');
    expect(code).toBe(0);
    expect(json.preflightReason).toContain('content-type');
    expect(api.heads[1]).toContain('\r\nContent-Type: text/plain\v\r\n');
  });

  it('the method as the script wrote it: fetch() sends `patch` in lower case (node:http would have sent PATCH), and Allow-Methods must match it byte for byte', async () => {
    const api = await raw((head) =>
      answer(head.startsWith('OPTIONS') ? 204 : 200, [
        `Access-Control-Allow-Origin: ${PAGE}`,
        `Access-Control-Allow-Methods: ${head.includes('?upper') ? 'PATCH' : 'patch'}`,
      ]),
    );
    expect((await corsaJson<CheckResult>('check', `${api.origin}/items`, '--origin', PAGE, '-X', 'patch')).code).toBe(0);
    expect(api.heads[0]).toMatch(/^OPTIONS \/items HTTP\/1\.1\r\n[\s\S]*\r\naccess-control-request-method: patch(\r\n|$)/);
    expect(api.heads[1]).toMatch(/^patch \/items HTTP\/1\.1\r\n/);
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/items?upper`, '--origin', PAGE, '-X', 'patch');
    expect(code).toBe(1);
    expect(json.engines.chromium).toMatchObject({
      allowed: false,
      message: expect.stringContaining('Method patch is not allowed by Access-Control-Allow-Methods'),
    });
  });

  it('a header value with a byte fetch() allows and node:http refuses (0x01) is sent as is (WPT: not CORS-safelisted, so preflighted)', async () => {
    const api = await raw((head) =>
      answer(head.startsWith('OPTIONS') ? 204 : 200, ['Access-Control-Allow-Origin: *', 'Access-Control-Allow-Headers: accept-language']),
    );
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE, '-H', 'accept-language=\u0001');
    expect(code).toBe(0);
    expect(json.preflight).not.toBeNull();
    expect(api.heads[1]).toContain('\r\naccept-language: \u0001');
  });

  it('a value fetch() itself refuses (NUL, CR, LF, a character above U+00FF) is a usage error, nothing sent (exit 2)', async () => {
    const api = await raw(() => answer(200, []));
    for (const value of ['a\0b', 'a\rb', 'é€']) {
      const run = await corsa('check', `${api.origin}/`, '--origin', PAGE, '-H', `x-a=${value}`);
      expect(run.code, run.stderr).toBe(2);
    }
    expect(api.heads).toEqual([]);
  });
});

describe("answers only browsers read (Node's parser refuses them)", () => {
  it('a NUL byte in Access-Control-Allow-Origin: every engine fails the response as a network error, exit 1 (not "cannot reach")', async () => {
    const api = await raw(() => answer(200, [`Access-Control-Allow-Origin: ${PAGE}\0`]));
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE);
    expect(code).toBe(1);
    for (const engine of ['chromium', 'firefox', 'webkit'] as const)
      expect(json.engines[engine]).toMatchObject({ allowed: false, failure: { kind: 'network-error' } });
    expect(json.failure?.fix.explanation).toContain('Access-Control-Allow-Origin header carries a NUL byte');
    // What each engine prints (measured in packages/browser, cli-agreement: nul-in-allow-origin).
    expect(json.engines.chromium.message).toBe('Failed to load resource: net::ERR_INVALID_HTTP_RESPONSE');
    expect(json.engines.firefox.message).toContain('(Reason: CORS request did not succeed). Status code: (null).');
    expect(json.engines.webkit.message).toBeNull();
    const run = await corsa('check', `${api.origin}/`, '--origin', PAGE);
    expect(run.stdout).toContain('network-error');
    expect(run.stdout).toContain('prints nothing to the console; the script gets TypeError: Load failed');
  });

  it('interim 1xx answers are skipped, a chunked body is decoded for the report, repeated lines kept in order', async () => {
    const api = await raw(
      () =>
        'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n' +
        'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nX-A: 1\r\nx-a: 2\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n',
    );
    const { code, json } = await corsaJson<CheckResult>('check', `${api.origin}/`, '--origin', PAGE);
    expect(code).toBe(0);
    expect(json.actual?.received).toMatchObject({ status: 200, bodyStart: 'hello world' });
    expect(json.actual?.received.headers.filter(([name]) => name.toLowerCase() === 'x-a')).toEqual([
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
  });

  it('an answer that is not HTTP is "cannot reach" (exit 2), naming what came back', async () => {
    const api = await raw(() => 'SSH-2.0-OpenSSH_9.2\r\n\r\n');
    const run = await corsa('check', `${api.origin}/`, '--origin', PAGE);
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('answered, but not with HTTP') });
  });
});
