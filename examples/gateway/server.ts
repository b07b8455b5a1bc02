// The same gateway on Bun: `npm run bun -w examples/gateway` (from the repository root).
// CORS_* and UPSTREAM come from the environment; PORT picks the port (3005).
import { withCors } from '@corsa/bun';
import { corsOptionsFromEnv } from '@corsa/core';
import { proxyApi } from './src/proxy.ts';

const env = { CORS_ORIGINS: 'http://localhost:5173', CORS_CREDENTIALS: 'true', UPSTREAM: 'http://127.0.0.1:8000', ...process.env };
const options = corsOptionsFromEnv(env, { debug: true });

const server = Bun.serve(
  withCors(options, {
    hostname: '127.0.0.1',
    port: Number(process.env.PORT ?? 3005),
    fetch: (request: Request) => proxyApi(request, env.UPSTREAM),
  }),
);
console.log(
  `Corsa gateway listening on http://127.0.0.1:${server.port}: /api/… → ${env.UPSTREAM}, allowing ${JSON.stringify(options.origins)} with credentials.`,
);
