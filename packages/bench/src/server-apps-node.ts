// The Express 5 and Fastify 5 server-level apps (Node only): `GET /r` answering
// `{ ok: true }` with one header, as the Hono app does.
import type { Server } from 'node:http';
import corsaFastify from '@corsa/fastify';
import { cors as corsaNode } from '@corsa/node';
import fastifyCors from '@fastify/cors';
import expressCors from 'cors';
import express from 'express';
import Fastify from 'fastify';
import { corsaPolicy, expressCorsOptions } from './library-options.js';

/** Starts the Express app of `variant` on 127.0.0.1, on a port Node picks. */
export function startExpressApp(variant: string, onListening: (port: number) => void): Server {
  const app = express();
  if (variant === 'no-op middleware') app.use((_req, _res, next) => next());
  if (variant === '@corsa/node') app.use(corsaNode(corsaPolicy('small')));
  if (variant === 'cors') app.use(expressCors(expressCorsOptions()));
  app.get('/r', (_req, res) => {
    res.setHeader('x-request-id', 'r-1');
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1', () => onListening((server.address() as { port: number }).port));
  return server;
}

/** Starts the Fastify app of `variant` on 127.0.0.1, on a port Node picks. */
export async function startFastifyApp(variant: string, onListening: (port: number) => void): Promise<void> {
  const app = Fastify();
  if (variant === 'no-op hook') app.addHook('onRequest', (_request, _reply, done) => done());
  if (variant === '@corsa/fastify') await app.register(corsaFastify, corsaPolicy('small'));
  if (variant === '@fastify/cors') await app.register(fastifyCors, expressCorsOptions());
  app.get('/r', async (_request, reply) => {
    reply.header('x-request-id', 'r-1');
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  onListening((app.server.address() as { port: number }).port);
}
