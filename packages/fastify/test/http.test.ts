// The shared vectors against @corsa/fastify in a real Fastify 5 server over HTTP, and what
// only Fastify has: hooks of other plugins, reply.header() and reply.raw writes, its error
// handler and 404s, encapsulation.
import type { AddressInfo } from 'node:net';
import { FLAKY_POLICY, REFERENCE_POLICY, type RunningServer, referenceHandler, runAdapterVectors, toFetchRequest } from '@corsa/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import corsa from '../src/index.js';

const APP = 'https://app.example';
const EVIL = 'https://evil.example';

async function listen(app: FastifyInstance): Promise<RunningServer> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, stop: () => app.close() };
}

runAdapterVectors('@corsa/fastify in Fastify 5', async (upstream) => {
  const app = Fastify();
  await app.register(corsa, { policyFor: (request) => (request.url.startsWith('/flaky/') ? FLAKY_POLICY : REFERENCE_POLICY) });
  const handle = referenceHandler(upstream);
  app.all('*', async (request, reply) => {
    const response = await handle(await toFetchRequest(request.raw));
    const cookies = response.headers.getSetCookie();
    // Hop-by-hop and length headers are Fastify's to write for the body it sends.
    response.headers.forEach((value, name) => {
      if (!['set-cookie', 'transfer-encoding', 'connection', 'content-length', 'keep-alive'].includes(name)) reply.header(name, value);
    });
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    reply.code(response.status);
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });
  app.setErrorHandler((_error, _request, reply) => reply.code(500).send({ error: 'handled by the error hook' }));
  return listen(app);
});

let running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running) await server.stop();
  running = [];
});

async function start(setup: (app: FastifyInstance) => void | Promise<void>): Promise<string> {
  const app = Fastify();
  await setup(app);
  const server = await listen(app);
  running.push(server);
  return server.baseUrl;
}

const corsNames = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-')).sort();
const POLICY = { origins: [APP], credentials: true, exposeHeaders: ['x-request-id'] } as const;

describe('@corsa/fastify: what only Fastify has', () => {
  it('answers a preflight in onRequest, before preHandler auth and whether or not an OPTIONS route exists', async () => {
    const reached: string[] = [];
    const base = await start(async (app) => {
      await app.register(corsa, { ...POLICY, methods: ['PUT'] });
      app.addHook('preHandler', async (request, reply) => {
        reached.push(request.method);
        if (!request.headers.authorization) return reply.code(401).send();
      });
      app.put('/items', async () => 'put');
      app.options('/with-options', async () => 'options route');
    });
    for (const path of ['/items', '/with-options', '/nowhere']) {
      const preflight = await fetch(`${base}${path}`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    }
    expect(reached).toEqual([]);
    const refused = await fetch(`${base}/items`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'PUT' } });
    expect(refused.status).toBe(403);
    expect(corsNames(refused)).toEqual([]);
    const plain = await fetch(`${base}/with-options`, { method: 'OPTIONS', headers: { origin: APP, authorization: 'x' } });
    expect(await plain.text()).toBe('options route');
    expect(plain.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('owns the CORS headers: reply.header(), reply.raw.setHeader() and an onRequest hook of another plugin', async () => {
    const base = await start(async (app) => {
      app.addHook('onRequest', async (_request, reply) => {
        reply.raw.setHeader('Access-Control-Allow-Methods', '*');
      });
      await app.register(corsa, POLICY);
      app.get('/r', async (_request, reply) => {
        reply.header('Access-Control-Allow-Origin', '*').header('access-control-allow-credentials', 'true').header('x-request-id', 'r-1');
        reply.raw.setHeader('Access-Control-Expose-Headers', 'x-secret');
        return 'ok';
      });
    });
    const refused = await fetch(`${base}/r`, { headers: { origin: EVIL } });
    expect(await refused.text()).toBe('ok');
    expect(corsNames(refused)).toEqual([]);
    expect(refused.headers.get('vary')).toContain('Origin');
    const allowed = await fetch(`${base}/r`, { headers: { origin: APP } });
    expect(corsNames(allowed)).toEqual(['access-control-allow-credentials', 'access-control-allow-origin', 'access-control-expose-headers']);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
  });

  it('errors and 404s carry the CORS answer; routes registered in an encapsulated plugin too', async () => {
    const base = await start(async (app) => {
      await app.register(corsa, POLICY);
      await app.register(async (child) => {
        child.get('/child/fail', async () => {
          throw new Error('route failed on purpose');
        });
      });
    });
    const failed = await fetch(`${base}/child/fail`, { headers: { origin: APP } });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('access-control-allow-origin')).toBe(APP);
    const missing = await fetch(`${base}/nothing`, { headers: { origin: APP } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('validates options at registration, listing every problem', async () => {
    const app = Fastify();
    await expect(app.register(corsa, { origins: ['https://app.example/'], maxAge: -1 } as never).ready()).rejects.toThrow(
      /Invalid CORS configuration \(2 problems\)/,
    );
    await app.close();
  });
});
