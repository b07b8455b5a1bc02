// The shared vectors against Hono on Node (@hono/node-server), over real HTTP.

import type { AddressInfo } from 'node:net';
import { errorResponse, FLAKY_POLICY, REFERENCE_POLICY, referenceHandler, runAdapterVectors } from '@corsa/testkit';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from '../src/index.js';

runAdapterVectors('@corsa/hono on Node', async (upstream) => {
  const app = new Hono();
  app.use('*', cors(REFERENCE_POLICY));
  app.use('/flaky/*', cors(FLAKY_POLICY)); // the more specific path answers /flaky/…
  app.onError(() => errorResponse());
  const handle = referenceHandler(upstream);
  app.all('*', (c) => handle(c.req.raw));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
