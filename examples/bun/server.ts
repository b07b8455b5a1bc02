// A Bun server with Corsa, configured from CORS_* environment variables.
//   bun run server.ts

import { withCors } from '@corsa/bun';
import { corsOptionsFromEnv } from '@corsa/core';

const options = corsOptionsFromEnv({ CORS_ORIGINS: 'http://localhost:*', ...process.env });

const server = Bun.serve(
  withCors(options, {
    hostname: '127.0.0.1',
    port: Number(process.env.PORT ?? 3000),
    routes: {
      '/api/hello': { GET: () => Response.json({ hello: 'from Bun' }) },
      '/api/items/:id': { PUT: async (request) => Response.json({ id: request.params.id, saved: await request.json() }) },
    },
  }),
);
console.log(`LISTENING ${server.port}`);
