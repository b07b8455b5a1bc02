// corsa check and corsa audit against hostile servers on 127.0.0.1: what the CLI sends
// where (a cookie only where a browser's jar would, never the real Authorization to
// another origin), what it prints (no body the page could not read, server text escaped),
// and that nothing a server or a command line does makes it hang, crash or exit 1
// ("blocked") for anything but a verdict.
import type { IncomingMessage } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/check.js';
import { terminalSafe } from '../src/terminal-safe.js';
import { corsa, corsaJson, recordingServers } from './run.js';

const PAGE = 'http://localhost:5173';
const { server, alsoStop } = recordingServers();

const allowAll = (req: IncomingMessage) => ({
  'access-control-allow-origin': req.headers.origin ?? '',
  'access-control-allow-credentials': 'true',
  'access-control-allow-headers': 'authorization',
  'access-control-allow-methods': 'GET, PUT',
});

describe('corsa check sends secrets only where a browser would', () => {
  it('a cookie goes to the host it was given for, not to a redirect target on another host', async () => {
    const target = await server((req, res) => res.writeHead(200, allowAll(req)).end('secret data of the other host'));
    // 127.0.0.1 and localhost: two hosts, as far as a cookie jar is concerned.
    const otherHost = target.origin.replace('127.0.0.1', 'localhost');
    const api = await server((req, res) => res.writeHead(302, { ...allowAll(req), location: `${otherHost}/landing` }).end());
    const { json } = await corsaJson<CheckResult>('check', `${api.origin}/start`, '--origin', PAGE, '--credentials', '--cookie', 'session=s3cret');
    expect(api.seen[0]?.headers.cookie).toBe('session=s3cret');
    expect(target.seen.length).toBeGreaterThan(0);
    for (const seen of target.seen) expect(seen.headers.cookie).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain('secret data of the other host');
  });

  it('under the WebKit profile (Authorization kept across origins) the other origin gets a placeholder, never the real value', async () => {
    const target = await server((req, res) => res.writeHead(200, allowAll(req)).end('ok'));
    const otherOrigin = target.origin.replace('127.0.0.1', 'localhost');
    const api = await server((req, res) =>
      req.method === 'OPTIONS' ? res.writeHead(204, allowAll(req)).end() : res.writeHead(307, { ...allowAll(req), location: `${otherOrigin}/next` }).end(),
    );
    await corsa('check', `${api.origin}/start`, '--origin', PAGE, '--header', 'Authorization=Bearer real-token');
    expect(api.seen.some((seen) => seen.headers.authorization === 'Bearer real-token')).toBe(true);
    const sentThere = target.seen.map((seen) => seen.headers.authorization).filter((value) => value !== undefined);
    expect(sentThere.length).toBeGreaterThan(0);
    for (const value of sentThere) expect(value).not.toContain('real-token');
  });

  it('--json leaves out what a cookie unlocked', async () => {
    const api = await server((req, res) => res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '' }).end('{"email":"user@example.com"}'));
    const { json } = await corsaJson<CheckResult>('check', `${api.origin}/me`, '--origin', PAGE, '--credentials', '--cookie', 'session=s3cret');
    expect(JSON.stringify(json)).not.toContain('user@example.com');
  });
});

describe('corsa check and audit never hang, crash or exit 1 for anything but a verdict', () => {
  it('a server that drips its body byte by byte is cut off at the --timeout deadline (exit 2)', async () => {
    const api = await server((req, res) => {
      res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '' });
      const timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const run = await corsa('check', `${api.origin}/drip`, '--origin', PAGE, '--timeout', '400');
    expect(Date.now() - started).toBeLessThan(5000);
    // The headers came in time and the preview fills up or the deadline ends it: a verdict or exit 2, never a hang.
    expect([0, 2]).toContain(run.code);
    const audited = await corsa('audit', `${api.origin}/drip`, '--timeout', '400');
    expect([0, 1, 2]).toContain(audited.code);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a server that sends headers then stalls: the deadline ends the exchange with exit 2', async () => {
    const api = await server((req, res) => {
      res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '' });
      res.write('a');
    });
    const run = await corsa('check', `${api.origin}/stall`, '--origin', PAGE, '--timeout', '300');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no complete answer');
  });

  it.each([
    ['a carriage return in --cookie', ['--credentials', '--cookie', 'a=b\r\nX-Injected: 1'], 'a carriage return'],
    ['a DEL byte in --cookie', ['--credentials', '--cookie', 'a=b\x7f'], 'a DEL byte'],
    ['a line feed in a header value (header injection)', ['--header', 'x-a=1\nX-Injected: 1'], 'a line feed'],
  ])('%s is a usage error (exit 2, one line)', async (_, extra, named) => {
    const run = await corsa('check', 'http://127.0.0.1:9/x', '--origin', PAGE, ...(extra as string[]));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(named);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('audit --origin null is a usage error (exit 2), with --json too', async () => {
    const run = await corsa('audit', 'http://127.0.0.1:9/x', '--origin', 'null');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--origin null is not a trusted origin');
    const json = await corsaJson('audit', 'http://127.0.0.1:9/x', '--origin', 'null');
    expect(json.code).toBe(2);
    expect(json.json).toMatchObject({ error: { kind: 'usage' } });
  });

  it.each([
    ['a Location that is not a URL', 'http://[::1'],
    ['a redirect to ftp:', 'ftp://127.0.0.1/file'],
  ])('%s: check reports a failed redirect (exit 1), audit probes the URL itself', async (_, location) => {
    const api = await server((req, res) => res.writeHead(302, { 'access-control-allow-origin': req.headers.origin ?? '', location }).end());
    const checked = await corsa('check', `${api.origin}/r`, '--origin', PAGE);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('redirect-not-http');
    const audited = await corsa('audit', `${api.origin}/r`);
    expect([0, 1]).toContain(audited.code);
    expect(audited.stderr).toBe('');
  });

  it('server-controlled text is escaped in the text report: control characters, escape sequences, bidi overrides', async () => {
    // Node's own server refuses such header values, so this one writes its bytes by hand.
    const raw = createNetServer((socket) => {
      socket.once('data', () => {
        socket.end(
          'HTTP/1.1 403 Forbidden\r\nAccess-Control-Allow-Origin: http://evil.example\u001b[2J\r\nVary: x-\u202eevil\r\nContent-Length: 26\r\nConnection: close\r\n\r\ndenied \u001b[31mred\u001b[0m \u202etxt',
          'latin1',
        );
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    alsoStop(() => new Promise<void>((resolve) => raw.close(() => resolve())));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/x`;
    const run = await corsa('check', url, '--origin', PAGE);
    expect(run.code).toBe(1);
    expect(terminalSafe(run.stdout)).toBe(run.stdout); // nothing left to escape
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).not.toContain('\u202e');
    expect(run.stdout).toContain('\\u001b[2J');
    const audited = await corsa('audit', url);
    expect(terminalSafe(audited.stdout)).toBe(audited.stdout);
  });
});
