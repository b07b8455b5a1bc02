// The browser API with @corsa/node in Express 5 (one cors(), the policy chosen per path
// prefix), the browser app behind testkit's Node bridge.
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cors } from '@corsa/node';
import { nodeHandler, type RunningServer } from '@corsa/testkit';
import express from 'express';
import { browserHandler, browserPolicies, testEndpoint } from '../../testkit/src/browser-app.js';

export async function startExpress(pageOrigins: string[], wildPattern: string): Promise<RunningServer> {
  const policies = browserPolicies(pageOrigins, wildPattern);
  const app = express();
  const policyOf = (req: IncomingMessage) => {
    const path = req.url ?? '/';
    return path.startsWith('/strict/') ? policies.strict : path.startsWith('/wild/') ? policies.wild : policies.any;
  };
  const scoped = cors(policyOf);
  // Only the three prefixes are CORS-enabled, as in every other adapter's server.
  app.use((req, res, next) => (/^\/(strict|any|wild)\//.test(req.url) ? scoped(req, res, next) : next()));
  const handle = nodeHandler((request) => testEndpoint(request) ?? browserHandler(request));
  app.use((req, res, next) => {
    handle(req, res).catch(next);
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
