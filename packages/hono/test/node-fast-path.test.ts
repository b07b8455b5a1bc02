// The Node fast path of @corsa/hono: under @hono/node-server it reads Origin and the
// Access-Control-Request-* headers from Node's already parsed IncomingMessage.headers,
// never from c.req.raw.headers (which @hono/node-server only builds, through undici, when
// someone reads it). Proven over real HTTP: the answers are right, and a counter on the
// raw request's headers stays at zero for everything Corsa does.
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cors } from '../src/index.js';

const APP = 'https://app.example';
let reads = 0;
let server: ReturnType<typeof serve>;
let base: string;

beforeAll(async () => {
  const app = new Hono();
  // Before cors(): count every read of the raw request's headers from here on.
  app.use('*', async (c, next) => {
    const raw = c.req.raw;
    const proto = Object.getPrototypeOf(raw);
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'headers');
    Object.defineProperty(raw, 'headers', {
      configurable: true,
      get() {
        reads++;
        return descriptor?.get?.call(raw);
      },
    });
    await next();
  });
  app.use('*', cors({ origins: [APP], credentials: true, allowHeaders: ['content-type'], exposeHeaders: ['x-request-id'] }));
  app.get('/r', (c) => c.json({ ok: true }, 200, { 'x-request-id': 'r-1' }));
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('@corsa/hono on @hono/node-server reads the headers Node already parsed', () => {
  it('answers allowed, refused, no-Origin and preflight requests without building the Request’s headers', async () => {
    reads = 0;
    const allowed = await fetch(`${base}/r`, { headers: { origin: APP } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
    const refused = await fetch(`${base}/r`, { headers: { origin: 'https://evil.example' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${base}/r`)).headers.get('vary')).toBe('Origin');
    const preflight = await fetch(`${base}/r`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'Content-Type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    const refusedHeader = await fetch(`${base}/r`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-secret' },
    });
    expect(refusedHeader.status).toBe(403);
    expect(reads).toBe(0);
  });

  it('reads two Origin lines as Fetch does (joined with ", "), so they are refused', async () => {
    const port = (server.address() as AddressInfo).port;
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`GET /r HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\nOrigin: ${APP}\r\nConnection: close\r\n\r\n`),
      );
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head.toLowerCase()).not.toContain('access-control-allow-origin');
  });
});
