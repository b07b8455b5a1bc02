// An Elysia server on Bun with Corsa, configured from CORS_* environment variables.
//   npm start -w examples/elysia                        (from the repository root)
//   cd examples/elysia && npx bun run server.ts

import { corsOptionsFromEnv } from '@corsa/core';
import { cors } from '@corsa/elysia';
import { Elysia } from 'elysia';
import { banner, LOCAL_DEVELOPMENT, portInUse } from '../shared/banner.ts';

const options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });
const port = Number(process.env.PORT ?? 3009);

try {
  const app = new Elysia()
    .use(cors(options))
    .get('/api/hello', () => ({ hello: 'from Elysia' }))
    // No body schema: the banner's `corsa check … --method PUT` sends none, and its answer must be a 200.
    .put('/api/items/:id', ({ params, body }) => ({ id: params.id, saved: body ?? {} }))
    .listen({ hostname: '127.0.0.1', port });
  console.log(banner('Corsa example, Elysia', `http://127.0.0.1:${app.server?.port}`, options));
} catch (error) {
  if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
  console.error(portInUse(port, 'npm start -w examples/elysia'));
  process.exit(1);
}
