// A Deno server with Corsa, configured from CORS_* environment variables.
//   deno run --allow-net --allow-env main.ts
import { corsOptionsFromEnv } from '@corsa/core';
import { withCors } from '@corsa/deno';

const options = corsOptionsFromEnv({ CORS_ORIGINS: 'http://localhost:*', ...Deno.env.toObject() });
const port = Number(Deno.env.get('PORT') ?? 8000);

Deno.serve(
  { hostname: '127.0.0.1', port, onListen: ({ port }) => console.log(`LISTENING ${port}`) },
  withCors(options, (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/hello') return Response.json({ hello: 'from Deno' });
    return new Response('Not Found', { status: 404 });
  }),
);
