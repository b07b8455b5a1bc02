// The gateway as a Cloudflare Worker: `npx wrangler dev` (from examples/gateway).
// CORS_* and UPSTREAM come from wrangler.toml [vars] (or --var on the command line).
import { corsOptionsFromEnv } from '@corsa/core';
import { withCors } from '@corsa/workers';
import { proxyApi } from './proxy.js';

interface Env {
  CORS_ORIGINS: string;
  CORS_CREDENTIALS?: string;
  UPSTREAM: string;
}

export default withCors((env: Env) => corsOptionsFromEnv(env), {
  fetch: (request: Request, env: Env) => proxyApi(request, env.UPSTREAM),
});
