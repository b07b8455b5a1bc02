// Bad input and unreachable servers: exit status 2 and a message that says what to type or
// what happened; --json adds an error object on stdout for scripts.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { corsa, corsaBin, corsaJson } from './run.js';

const PAGE = 'http://localhost:5173';
const API = 'http://127.0.0.1:9/api/items'; // port 9 (discard): nothing listens there

describe('usage errors exit 2 and say what to type', () => {
  it.each([
    [[], /Usage:/, 'stdout'],
    [['check'], /needs the URL/, 'stderr'],
    [['check', API], /needs the page's origin: --origin http:\/\/localhost:5173/, 'stderr'],
    [['check', API, '--origin', 'http://localhost:5173/'], /write --origin http:\/\/localhost:5173$/m, 'stderr'],
    [['check', API, '--origin', 'HTTP://LOCALHOST:80'], /write --origin http:\/\/localhost$/m, 'stderr'],
    [['check', API, '--origin', 'localhost:5173'], /not an http: or https: URL|not an absolute URL/, 'stderr'],
    [['check', API, '--origin', 'http://127.0.0.1:9'], /same-origin, and CORS does not apply/, 'stderr'],
    [['check', 'api/items', '--origin', PAGE], /is not an absolute URL/, 'stderr'],
    [['check', API, '--origin', PAGE, '-X', 'TRACE'], /refuses the method TRACE/, 'stderr'],
    [['check', API, '--origin', PAGE, '-X', 'P UT'], /is not an HTTP method/, 'stderr'],
    [['check', API, '--origin', PAGE, '-H', 'Cookie: a=b'], /cannot set Cookie.*--credentials with --cookie/, 'stderr'],
    [['check', API, '--origin', PAGE, '-H', 'sec-fetch-mode=cors'], /cannot set sec-fetch-mode/, 'stderr'],
    [['check', API, '--origin', PAGE, '-H', 'bad header=1'], /is not a header name/, 'stderr'],
    [['check', API, '--origin', PAGE, '--cookie', 'a=b'], /--cookie is sent only with --credentials/, 'stderr'],
    [['check', API, '--origin', PAGE, '--timeout', '0'], /--timeout '0' is not a number of milliseconds/, 'stderr'],
    [
      ['check', API, '--origin', PAGE, '--stack', 'rails'],
      /--stack 'rails' is not one of corsa, fastapi, flask, django, express, fastify, koa, hono, go-rs-cors, nginx, apache, caddy/,
      'stderr',
    ],
    [['audit', API, '--stack', 'rails'], /--stack 'rails' is not one of corsa, fastapi/, 'stderr'],
    [['check', API, '--origin', PAGE, '--frobnicate'], /Unknown option '--frobnicate'/, 'stderr'],
    [['check', API, 'extra', '--origin', PAGE], /unexpected argument 'extra'/, 'stderr'],
    [['audit', API, '--method', 'PUT'], /--method is an option of corsa check, not of corsa audit/, 'stderr'],
    [['frobnicate'], /unknown command 'frobnicate'/, 'stderr'],
  ] as const)('corsa %j', async (args, message, stream) => {
    const run = await corsa(...args);
    expect(run.code).toBe(2);
    expect(run[stream]).toMatch(message);
  });

  it('--help and --version exit 0', async () => {
    expect(await corsa('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('corsa check <url> --origin <origin>') });
    expect((await corsa('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--json reports a usage error as an object on stdout too', async () => {
    const { code, json } = await corsaJson('check', API);
    expect(code).toBe(2);
    expect(json).toEqual({ error: { kind: 'usage', message: expect.stringContaining('--origin') } });
  });
});

describe('network errors exit 2 and say what happened', () => {
  it('connection refused', async () => {
    const run = await corsa('check', API, '--origin', PAGE);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot connect to 127\.0\.0\.1:9: connection refused \(is the server running, on that port\?\)/);
    const { json } = await corsaJson('audit', API);
    expect(json).toEqual({ error: { kind: 'network', message: expect.stringContaining('connection refused') } });
  });

  it('a server that never answers: the deadline', async () => {
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const run = await corsa('check', `http://127.0.0.1:${port}/`, '--origin', PAGE, '--timeout', '300');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(`no complete answer from http://127.0.0.1:${port} within 300 ms`);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });
});

describe('the installed bin (what npx corsa runs)', () => {
  it('runs from node_modules/.bin with the same exit statuses', async () => {
    expect((await corsaBin(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const refused = await corsaBin(['check', API, '--origin', PAGE]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('connection refused');
  });
});
