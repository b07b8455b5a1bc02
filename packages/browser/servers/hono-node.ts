// The browser API with @corsa/hono on Node (@hono/node-server), one policy per prefix.
import type { AddressInfo } from 'node:net';
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { cors } from '@corsa/hono';
import type { RunningServer } from '@corsa/testkit';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { browserHandler, browserPolicies, testEndpoint } from '../../testkit/src/browser-app.js';

export function honoBrowserApp(pageOrigins: string[], wildPattern: string): Hono {
  const policies = browserPolicies(pageOrigins, wildPattern);
  const app = new Hono();
  app.use('/strict/*', cors(policies.strict));
  app.use('/any/*', cors(policies.any));
  app.use('/wild/*', cors(policies.wild));
  app.all('*', (c) => testEndpoint(c.req.raw) ?? browserHandler(c.req.raw));
  return app;
}

export async function startHonoNode(pageOrigins: string[], wildPattern: string, port = 0): Promise<RunningServer> {
  const app = honoBrowserApp(pageOrigins, wildPattern);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
