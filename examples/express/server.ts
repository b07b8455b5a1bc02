// An Express API on Node with Corsa, configured from CORS_* environment variables: the API
// a React app on Vite's :5173 calls.
//   npm start -w examples/express                       (from the repository root)
//   PORT=3100 CORS_ORIGINS=https://app.example.com npm start -w examples/express

import { corsOptionsFromEnv } from '@corsa/core';
import { cors } from '@corsa/node';
import express from 'express';
import { banner, LOCAL_DEVELOPMENT, portInUse } from '../shared/banner.ts';

// Local development defaults (any localhost port, with cookies, refusals explained); real
// deployments set CORS_ORIGINS (a bad value stops the server with a message naming the variable).
const options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });

const app = express();
app.use(cors(options)); // first: preflights never meet routes or auth
app.use(express.json());
app.get('/api/hello', (_req, res) => {
  res.json({ hello: 'from Express', time: new Date().toISOString() });
});
app.put('/api/items/:id', (req, res) => {
  res.json({ id: req.params.id, saved: req.body ?? {} });
});

const port = Number(process.env.PORT ?? 3006);
const hostname = process.env.HOST ?? '127.0.0.1';
const server = app.listen(port, hostname, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  console.log(banner('Corsa example, Express', `http://${hostname}:${actual}`, options));
});
server.once('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(portInUse(port, 'npm start -w examples/express'));
  process.exit(1);
});
