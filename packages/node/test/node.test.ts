// What only Node servers have: headers written through Node's own calls (setHeader before
// and after Corsa, writeHead's object and array forms), a real http-proxy-middleware in
// front of an upstream with a permissive CORS layer of its own, Express's default error
// handler, and no Fetch Request built where no predicate asks for one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { afterEach, describe, expect, it } from 'vitest';
import { cors, withCors } from '../src/index.js';

const APP = 'https://app.example';
const EVIL = 'https://evil.example';
const POLICY = { origins: [APP], credentials: true, exposeHeaders: ['x-request-id'] } as const;

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  servers = [];
});

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const corsNames = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-')).sort();

describe('@corsa/node owns the CORS headers however Node writes them', () => {
  it.each([
    [
      'res.setHeader after cors()',
      (res: ServerResponse) => (res.setHeader('Access-Control-Allow-Origin', '*'), res.setHeader('access-control-allow-credentials', 'true'), res.end('ok')),
    ],
    [
      'writeHead with a headers object',
      (res: ServerResponse) => res.writeHead(200, { 'Access-Control-Allow-Origin': '*', Vary: 'Accept-Encoding', 'X-Request-Id': 'r-1' }).end('ok'),
    ],
    [
      'writeHead with a status message and a raw array',
      (res: ServerResponse) => res.writeHead(200, 'Fine', ['ACCESS-CONTROL-ALLOW-ORIGIN', '*', 'vary', 'Accept', 'x-request-id', 'r-1']).end('ok'),
    ],
    [
      'writeHead with an array value',
      (res: ServerResponse) => res.writeHead(200, { 'access-control-expose-headers': ['x-secret', 'x-token'] } as unknown as Record<string, string>).end('ok'),
    ],
  ])('%s: a refused origin gets no Access-Control-*, an allowed one exactly Corsa’s answer', async (_, write) => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('Access-Control-Allow-Methods', '*'); // an earlier middleware with habits of its own
      next();
    });
    app.use(cors(POLICY));
    app.get('/r', (_req, res) => write(res));
    const base = await listen(app);
    const refused = await fetch(`${base}/r`, { headers: { origin: EVIL } });
    expect(await refused.text()).toBe('ok');
    expect(corsNames(refused)).toEqual([]);
    expect(refused.headers.get('vary')).toContain('Origin');
    const allowed = await fetch(`${base}/r`, { headers: { origin: APP } });
    expect(corsNames(allowed)).toEqual(['access-control-allow-credentials', 'access-control-allow-origin', 'access-control-expose-headers']);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
  });

  it('http-proxy-middleware in front of an upstream that reflects any origin with credentials: its CORS headers never pass', async () => {
    const upstream = await listen((req, res) => {
      res.writeHead(200, {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-secret',
        vary: 'Accept-Encoding',
        'x-secret': 'upstream secret',
      });
      res.end('upstream');
    });
    const app = express();
    app.use(cors(POLICY));
    app.use('/api', createProxyMiddleware({ target: upstream, changeOrigin: true }));
    const base = await listen(app);
    const refused = await fetch(`${base}/api/data`, { headers: { origin: EVIL } });
    expect(await refused.text()).toBe('upstream');
    expect(corsNames(refused)).toEqual([]);
    const allowed = await fetch(`${base}/api/data`, { headers: { origin: APP } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(allowed.headers.get('vary')?.toLowerCase()).toContain('origin');
    const preflight = await fetch(`${base}/api/data`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'PUT' } });
    expect(preflight.status).toBe(403);
    expect(corsNames(preflight)).toEqual([]);
  });

  it("Express's default error handler (no handler of the app's own): the 500 carries the CORS answer", async () => {
    const app = express();
    app.use(cors(POLICY));
    app.get('/fail', () => {
      throw new Error('route failed on purpose');
    });
    const original = console.error;
    console.error = () => {};
    try {
      const base = await listen(app);
      const response = await fetch(`${base}/fail`, { headers: { origin: APP } });
      expect(response.status).toBe(500);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      const missing = await fetch(`${base}/nothing-here`, { headers: { origin: APP } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('access-control-allow-origin')).toBe(APP);
    } finally {
      console.error = original;
    }
  });

  it('a preflight is answered before auth and routes; an OPTIONS that is not a preflight reaches the app', async () => {
    const reached: string[] = [];
    const app = express();
    app.use(cors({ ...POLICY, methods: ['PUT'] }));
    app.use((req, res, next) => {
      reached.push(req.method);
      if (!req.headers.authorization) return void res.status(401).end();
      next();
    });
    const base = await listen(app);
    const preflight = await fetch(`${base}/items`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(reached).toEqual([]);
    const plainOptions = await fetch(`${base}/items`, { method: 'OPTIONS', headers: { origin: APP } });
    expect(plainOptions.status).toBe(401);
    expect(plainOptions.headers.get('access-control-allow-origin')).toBe(APP);
    expect(reached).toEqual(['OPTIONS']);
  });
});

describe('@corsa/node reads what Node parsed', () => {
  it('builds no Fetch Request for a listed-origin policy, and one only when a predicate asks', async () => {
    let built = 0;
    const NativeRequest = globalThis.Request;
    globalThis.Request = new Proxy(NativeRequest, {
      construct(target, args) {
        built++;
        return Reflect.construct(target, args);
      },
    });
    try {
      const listed = await listen(withCors(POLICY, (_req, res) => res.end('ok')));
      await fetch(`${listed}/r`, { headers: { origin: APP } });
      await fetch(`${listed}/r`, { headers: { origin: EVIL } });
      await fetch(`${listed}/r`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT' } });
      expect(built).toBe(0); // (undici's fetch() on the client side builds its own, not through globalThis.Request)
      const predicate = await listen(withCors({ origins: (origin, request) => origin === APP && request.method === 'GET' }, (_req, res) => res.end('ok')));
      const seen = await fetch(`${predicate}/r`, { headers: { origin: APP } });
      expect(seen.headers.get('access-control-allow-origin')).toBe(APP);
      expect(built).toBe(1); // one, for the predicate
    } finally {
      globalThis.Request = NativeRequest;
    }
  });

  it('configuration errors come at start-up, every problem with its fix', () => {
    expect(() => cors({ origins: ['https://app.example/', 'http://*.com'], credentials: true, maxAge: -1 } as never)).toThrow(
      /Invalid CORS configuration \(4 problems\):[\s\S]*origins\[0\]: 'https:\/\/app\.example\/' [\s\S]*maxAge: /,
    );
  });

  it('a source that throws reaches Express’s error handler; a listener that throws is answered 500 with the CORS answer', async () => {
    const app = express();
    app.use(
      cors(() => {
        throw new Error('no policy');
      }),
    );
    app.use((error: Error, _req: IncomingMessage, res: ServerResponse, _next: unknown) => res.writeHead(500).end(error.message));
    const base = await listen(app);
    expect(await (await fetch(`${base}/r`, { headers: { origin: APP } })).text()).toBe('no policy');
    const original = console.error;
    console.error = () => {};
    try {
      const failing = await listen(
        withCors(POLICY, () => {
          throw new Error('listener failed');
        }),
      );
      const response = await fetch(`${failing}/r`, { headers: { origin: APP } });
      expect(response.status).toBe(500);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    } finally {
      console.error = original;
    }
  });
});
