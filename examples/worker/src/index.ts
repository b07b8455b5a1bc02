// A Cloudflare Worker with Corsa, configured from wrangler.toml [vars] (CORS_ORIGINS, …).
//   npm start -w examples/worker                        (from the repository root: wrangler dev on http://127.0.0.1:3003)
// The factory runs once per env; a bad value fails the first request, naming the variable.
import { corsOptionsFromEnv } from '@corsa/core';
import { withCors } from '@corsa/workers';
import { jsonBody } from '../../shared/body.ts';

interface Env {
  CORS_ORIGINS: string;
  CORS_CREDENTIALS?: string;
  CORS_DEBUG?: string;
}

export default withCors((env: Env) => corsOptionsFromEnv({ ...env }), {
  async fetch(request: Request, _env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/hello' && request.method === 'GET') return Response.json({ hello: 'from a Worker' });
    const item = /^\/api\/items\/([^/]+)$/.exec(pathname);
    if (item && request.method === 'PUT') return Response.json({ id: item[1], saved: await jsonBody(request) });
    return new Response('Not Found', { status: 404 });
  },
});
