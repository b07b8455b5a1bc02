// A Hono API on Node with Corsa, configured from CORS_* environment variables.
//   npm start                              (from the repository root)
//   PORT=3000 CORS_ORIGINS=https://app.example.com CORS_CREDENTIALS=true npm start

import { corsOptionsFromEnv } from '@corsa/core';
import { cors } from '@corsa/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// Local development defaults: any localhost port may call the API. Real deployments set
// CORS_ORIGINS (a bad value stops the server with a message naming the variable).
const options = corsOptionsFromEnv({ CORS_ORIGINS: 'http://localhost:*,http://127.0.0.1:*', ...process.env }, { debug: true });

const app = new Hono();
app.use('*', cors(options));
app.get('/api/hello', (c) => c.json({ hello: 'world', time: new Date().toISOString() }));
app.put('/api/items/:id', async (c) => c.json({ id: c.req.param('id'), saved: await c.req.json() }));

const port = Number(process.env.PORT ?? 8787);
const hostname = process.env.HOST ?? '127.0.0.1';
serve({ fetch: app.fetch, port, hostname }, (info) => {
  const base = `http://${hostname}:${info.port}`;
  console.log(`LISTENING ${info.port}`);
  console.log(`Corsa demo API on ${base}, allowing ${JSON.stringify(options.origins)}${options.credentials ? ' with credentials' : ''}.
Try it:
  curl -i ${base}/api/hello -H 'Origin: http://localhost:5173'
  curl -i -X OPTIONS ${base}/api/items/1 -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type'
  curl -i -X OPTIONS ${base}/api/items/1 -H 'Origin: https://evil.example' -H 'Access-Control-Request-Method: PUT'   # refused: see Corsa-Refusal`);
});
