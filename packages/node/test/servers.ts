// The reference app behind @corsa/node in each Node framework, for the shared vectors,
// through testkit's Node bridge (Node apps' own header calls carry the app's headers).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FLAKY_POLICY, nodeHandler, REFERENCE_POLICY, type RunningServer, referenceHandler } from '@corsa/testkit';
import connect from 'connect';
import express5 from 'express';
// @ts-expect-error express 4 under an npm alias: @types/express describes express 5, which is what it is used as here
import express4 from 'express4';
import { cors, withCors } from '../src/index.js';

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The reference app as a Node handler; it rejects where the reference handler throws. */
export function referenceNodeHandler(upstream: string): Handle {
  return nodeHandler(referenceHandler(upstream));
}

async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const errorBody = JSON.stringify({ error: 'handled by the error hook' });

// One cors() per app, choosing the policy per request: two cors() on one request with
// different policies fail loudly (nested-policies), as for every adapter.
const policyOf = (req: IncomingMessage) => (req.url?.startsWith('/flaky/') ? FLAKY_POLICY : REFERENCE_POLICY);

// The reference app behind one cors() with a policy per path, and an error handler: the
// same for Express and Connect, which take the same middleware signatures.
interface NodeApp {
  use(handler: (...args: never[]) => unknown): unknown;
}

function withReferenceApp<A extends NodeApp>(app: A, upstream: string): A {
  app.use(cors(policyOf));
  const handle = referenceNodeHandler(upstream);
  app.use((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    handle(req, res).catch(next);
  });
  app.use((_error: unknown, _req: IncomingMessage, res: ServerResponse, _next: unknown) => {
    res.statusCode = 500;
    res.setHeader('content-type', 'application/json');
    res.end(errorBody);
  });
  return app;
}

/** Express 5 or 4. */
export function startExpress(version: 4 | 5, upstream: string): Promise<RunningServer> {
  const express = (version === 5 ? express5 : express4) as typeof express5;
  return listen(createServer(withReferenceApp(express(), upstream)));
}

/** Connect. */
export function startConnect(upstream: string): Promise<RunningServer> {
  return listen(createServer(withReferenceApp(connect(), upstream)));
}

/** node:http with withCors(): a policy per path from the request, the listener rejecting on /fail. */
export function startNodeHttp(upstream: string): Promise<RunningServer> {
  const handle = referenceNodeHandler(upstream);
  return listen(createServer(withCors(policyOf, handle)));
}
