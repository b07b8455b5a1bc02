// Serves the reference app through @corsa/bun, on a port Bun picks.
// ROUTES=1 serves it through `routes` (per-method objects, functions) instead of `fetch`.
import { errorResponse, REFERENCE_POLICY, referenceHandler } from '../../testkit/src/reference-app.ts';
import { withCors } from '../src/index.ts';

const handle = referenceHandler(process.env.UPSTREAM ?? '');
const viaRoutes = {
  routes: {
    '/data': { GET: handle, OPTIONS: handle },
    '/fail': handle,
    '/made-500': handle,
    '/proxy': handle,
    '/redirect': handle,
  },
  fetch: () => new Response('not found', { status: 404 }),
};
const server = Bun.serve(
  withCors(REFERENCE_POLICY, {
    hostname: '127.0.0.1',
    port: 0,
    ...(process.env.ROUTES ? viaRoutes : { fetch: handle }),
    error: () => errorResponse(),
  }),
);
console.log(`LISTENING ${server.port}`);
