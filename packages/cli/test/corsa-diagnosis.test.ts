// corsa check against Corsa itself (@corsa/hono on Node, debug on): the Corsa-Refusal reason
// leads, the origin is not blamed for a refused method or header, the fix adds to the
// user's own options, no other stack's configuration is offered (a Corsa gateway in front
// of uvicorn is still Corsa), and an error status of an allowed request is called what it is.
import type { AddressInfo } from 'node:net';
import { cors } from '@corsa/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsa } from './run.js';

const PAGE = 'http://localhost:5173';
let server: ReturnType<typeof serve>;
let base: string;

beforeAll(async () => {
  const app = new Hono();
  app.use('*', cors({ origins: [PAGE], credentials: true, methods: ['GET', 'PUT'], allowHeaders: ['content-type'], debug: true }));
  app.use('*', async (c, next) => {
    await next();
    c.header('server', 'uvicorn'); // the upstream's Server header, as behind a gateway
  });
  app.all('/items', (c) => c.json({ ok: true }));
  app.get('/broken', (c) => c.json({ error: 'database down' }, 500));
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('corsa check diagnoses Corsa’s own refusals', () => {
  it('a refused method: the reason leads, the fix adds PATCH to methods, no origin blamed, no other stack', async () => {
    const run = await corsa('check', `${base}/items`, '--origin', PAGE, '--method', 'PATCH');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Corsa refused it and says why (Corsa-Refusal): method 'PATCH' is not allowed");
    expect(run.stdout).toContain("add 'PATCH' to methods: methods: ['GET', 'PUT', 'PATCH']");
    expect(run.stdout).not.toMatch(/origin is not allowed|the origin .* not allowed/i);
    expect(run.stdout).not.toContain('Fix for FastAPI');
    expect(run.stdout).not.toContain('name your server with --stack');
  });

  it('a refused header: the fix adds it to allowHeaders', async () => {
    const run = await corsa('check', `${base}/items`, '--origin', PAGE, '--method', 'PUT', '--header', 'x-trace=1');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("add 'x-trace' to allowHeaders: allowHeaders: ['content-type', 'x-trace']");
  });

  it('a refused origin: the fix adds the page’s origin to origins', async () => {
    const run = await corsa('check', `${base}/items`, '--origin', 'http://localhost:3001', '--method', 'PUT');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`add 'http://localhost:3001' to origins: origins: ['${PAGE}', 'http://localhost:3001']`);
  });

  it('an allowed request answered 500: the report says it is the server’s error, not CORS', async () => {
    const run = await corsa('check', `${base}/broken`, '--origin', PAGE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Note: The server answered 500 Internal Server Error: an error of the server, not of CORS');
  });
});
