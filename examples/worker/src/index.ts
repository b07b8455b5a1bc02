// A Cloudflare Worker with Corsa, configured from wrangler.toml [vars] (CORS_ORIGINS, …).
// The factory runs once per env; a bad value fails the first request, naming the variable.
import { corsOptionsFromEnv } from '@corsa/core';
import { withCors } from '@corsa/workers';

interface Env {
  CORS_ORIGINS: string;
  CORS_CREDENTIALS?: string;
}

export default withCors((env: Env) => corsOptionsFromEnv({ ...env }), {
  async fetch(request: Request, _env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/hello') return Response.json({ hello: 'from a Worker' });
    return new Response('Not Found', { status: 404 });
  },
});
