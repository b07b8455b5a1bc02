// A Hono API on Node with Corsa, configured from CORS_* environment variables.
//   npm start -w examples/hono-node                     (from the repository root)
//   PORT=3100 CORS_ORIGINS=https://app.example.com npm start -w examples/hono-node

import { corsOptionsFromEnv } from '@corsa/core';
import { cors } from '@corsa/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { banner, LOCAL_DEVELOPMENT, portInUse } from '../shared/banner.ts';
import { jsonBody } from '../shared/body.ts';

// Local development defaults (any localhost port, with cookies, refusals explained); real
// deployments set CORS_ORIGINS (a bad value stops the server with a message naming the variable).
const options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });

const app = new Hono();
app.use('*', cors(options));
app.get('/api/hello', (c) => c.json({ hello: 'from Hono on Node', time: new Date().toISOString() }));
app.put('/api/items/:id', async (c) => c.json({ id: c.req.param('id'), saved: await jsonBody(c.req.raw) }));

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(banner('Corsa example, Hono on Node', `http://${hostname}:${info.port}`, options));
});
server.once('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(portInUse(port, 'npm start -w examples/hono-node'));
  process.exit(1);
});
