// The browser API with @corsa/fastify in Fastify 5 (the policy chosen per path prefix with
// policyFor; paths outside the three prefixes get no CORS, as in every adapter's server).
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import type { AddressInfo } from 'node:net';
import corsa from '@corsa/fastify';
import { type RunningServer, toFetchRequest } from '@corsa/testkit';
import Fastify from 'fastify';
import { browserHandler, browserPolicies, testEndpoint } from '../../testkit/src/browser-app.js';

export async function startFastify(pageOrigins: string[], wildPattern: string): Promise<RunningServer> {
  const policies = browserPolicies(pageOrigins, wildPattern);
  const app = Fastify();
  // The browser app reads bodies itself: keep them raw.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  await app.register(async (scoped) => {
    await scoped.register(corsa, {
      policyFor: (request) => (request.url.startsWith('/strict/') ? policies.strict : request.url.startsWith('/wild/') ? policies.wild : policies.any),
    });
    scoped.all('/strict/*', serve);
    scoped.all('/any/*', serve);
    scoped.all('/wild/*', serve);
  });
  app.all('*', serve);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, stop: () => app.close() };
}

async function serve(request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) {
  const fetchRequest = await toFetchRequest(request.raw);
  const response = testEndpoint(fetchRequest) ?? (await browserHandler(fetchRequest));
  response.headers.forEach((value, name) => {
    if (!['transfer-encoding', 'connection', 'content-length', 'keep-alive'].includes(name)) reply.header(name, value);
  });
  reply.code(response.status);
  return reply.send(Buffer.from(await response.arrayBuffer()));
}
