// A Deno server with Corsa, configured from CORS_* environment variables.
//   npm start -w examples/deno                          (from the repository root)
//   cd examples/deno && npx deno run --allow-net --allow-env main.ts
import { corsOptionsFromEnv } from '@corsa/core';
import { withCors } from '@corsa/deno';
import { banner, LOCAL_DEVELOPMENT, portInUse } from '../shared/banner.ts';
import { jsonBody } from '../shared/body.ts';

const options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...Deno.env.toObject() });
const port = Number(Deno.env.get('PORT') ?? 3002);

const handler = withCors(options, async (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/hello' && request.method === 'GET') return Response.json({ hello: 'from Deno' });
  const item = /^\/api\/items\/([^/]+)$/.exec(pathname);
  if (item && request.method === 'PUT') return Response.json({ id: item[1], saved: await jsonBody(request) });
  return new Response('Not Found', { status: 404 });
});

try {
  Deno.serve({ hostname: '127.0.0.1', port, onListen: ({ port }) => console.log(banner('Corsa example, Deno', `http://127.0.0.1:${port}`, options)) }, handler);
} catch (error) {
  if (!(error instanceof Deno.errors.AddrInUse)) throw error;
  console.error(portInUse(port, 'npm start -w examples/deno'));
  Deno.exit(1);
}
