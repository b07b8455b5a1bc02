// Serves the reference app through @corsa/bun, on a port Bun picks.
// ROUTES=1 serves it through `routes` (per-method objects, functions, a corsRoute) instead
// of `fetch`; through `fetch`, a function of the request picks the /flaky/ policy.
import { errorResponse, FLAKY_POLICY, isFlaky, REFERENCE_POLICY, referenceHandler } from '../../testkit/src/reference-app.ts';
import { corsRoute, withCors } from '../src/index.ts';

const handle = referenceHandler(process.env.UPSTREAM ?? '');
const viaRoutes = {
  routes: {
    '/data': { GET: handle, OPTIONS: handle },
    '/fail': handle,
    '/made-500': handle,
    '/proxy': handle,
    '/redirect': handle,
    '/proxy-cors': handle,
    '/self-cors': handle,
    // A route with a policy of its own; its preflights too (the map has no OPTIONS).
    '/flaky/data': corsRoute(FLAKY_POLICY, { GET: handle }),
  },
  fetch: () => new Response('not found', { status: 404 }),
};
const server = Bun.serve(
  withCors(process.env.ROUTES ? REFERENCE_POLICY : (request) => (isFlaky(request) ? FLAKY_POLICY : REFERENCE_POLICY), {
    hostname: '127.0.0.1',
    port: 0,
    ...(process.env.ROUTES ? viaRoutes : { fetch: handle }),
    error: () => errorResponse(),
  }),
);
console.log(`LISTENING ${server.port}`);
