// A Bun server with Corsa, configured from CORS_* environment variables.
//   npm start -w examples/bun                           (from the repository root)
//   cd examples/bun && npx bun run server.ts

import { withCors } from '@corsa/bun';
import { corsOptionsFromEnv } from '@corsa/core';
import { banner, LOCAL_DEVELOPMENT, portInUse } from '../shared/banner.ts';
import { jsonBody } from '../shared/body.ts';

const options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });
const port = Number(process.env.PORT ?? 3001);

try {
  const server = Bun.serve(
    withCors(options, {
      hostname: '127.0.0.1',
      port,
      routes: {
        '/api/hello': { GET: () => Response.json({ hello: 'from Bun' }) },
        '/api/items/:id': { PUT: async (request) => Response.json({ id: request.params.id, saved: await jsonBody(request) }) },
      },
    }),
  );
  console.log(banner('Corsa example, Bun', `http://127.0.0.1:${server.port}`, options));
} catch (error) {
  if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
  console.error(portInUse(port, 'npm start -w examples/bun'));
  process.exit(1);
}
