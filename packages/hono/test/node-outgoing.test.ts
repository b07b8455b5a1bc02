// @hono/node-server writes a Response over Node's ServerResponse (c.env.outgoing): headers
// already set there (by a Node wrapper around the listener, or a middleware through
// c.env.outgoing) are merged in when it is written. The CORS answer owns those too. And
// a Request dispatched again from a handler is read for its own headers, not the
// original request's that Node parsed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cors } from '../src/index.js';

const APP = 'https://app.example';
const OTHER = 'https://other.example';
let server: Server;
let base: string;

beforeAll(async () => {
  const inner = new Hono();
  inner.use('*', cors({ origins: [OTHER] }));
  inner.get('*', (c) => c.text('inner'));

  const app = new Hono<{ Bindings: { outgoing: ServerResponse } }>();
  app.use('*', cors({ origins: [APP], credentials: true }));
  app.use('/outgoing/*', async (c, next) => {
    c.env.outgoing.setHeader('Access-Control-Allow-Origin', '*');
    c.env.outgoing.setHeader('access-control-allow-credentials', 'true');
    c.env.outgoing.setHeader('Access-Control-Expose-Headers', ['x-secret', 'x-token']);
    await next();
  });
  app.get('*', (c) => c.text('ok'));
  // No cors() of its own on this path: a re-dispatch into an app with another policy.
  const plain = new Hono<{ Bindings: { outgoing: ServerResponse } }>();
  plain.get('/redispatch', (c) => inner.fetch(new Request('http://127.0.0.1/inner', { headers: { origin: OTHER } }), c.env));
  plain.all('*', (c) => app.fetch(c.req.raw, c.env));

  const listener = getRequestListener(plain.fetch);
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A Node wrapper with a permissive CORS habit of its own.
    if (req.url?.startsWith('/wrapped')) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
    }
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const corsNames = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-')).sort();

describe('@corsa/hono on @hono/node-server: headers on Node’s ServerResponse', () => {
  it.each(['/outgoing/r', '/wrapped/r'])('%s: a refused origin gets no Access-Control-* at all', async (path) => {
    const refused = await fetch(`${base}${path}`, { headers: { origin: 'https://evil.example' } });
    expect(await refused.text()).toBe('ok');
    expect(corsNames(refused)).toEqual([]);
  });

  it.each(['/outgoing/r', '/wrapped/r'])('%s: an allowed origin gets exactly Corsa’s answer', async (path) => {
    const allowed = await fetch(`${base}${path}`, { headers: { origin: APP } });
    expect(corsNames(allowed)).toEqual(['access-control-allow-credentials', 'access-control-allow-origin']);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('a refused preflight through the wrapper: 403 and no Access-Control-*', async () => {
    const preflight = await fetch(`${base}/wrapped/r`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(403);
    expect(corsNames(preflight)).toEqual([]);
  });

  it('a Request dispatched again from a handler is judged by its own Origin, not the one Node parsed', async () => {
    const response = await fetch(`${base}/redispatch`, { headers: { origin: APP } });
    expect(await response.text()).toBe('inner');
    expect(response.headers.get('access-control-allow-origin')).toBe(OTHER);
  });
});
