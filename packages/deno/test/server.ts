// Serves the reference app through @corsa/deno with Deno.serve, on a port Deno picks.
// Usage: deno run --allow-net --allow-env test/server.ts   (UPSTREAM=<url>)
import { errorResponse, FLAKY_POLICY, isFlaky, REFERENCE_POLICY, referenceHandler } from '../../testkit/src/reference-app.ts';
import { withCors } from '../src/index.ts';

const handler = withCors((request) => (isFlaky(request) ? FLAKY_POLICY : REFERENCE_POLICY), referenceHandler(Deno.env.get('UPSTREAM') ?? ''));
Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }) => console.log(`LISTENING ${port}`),
    onError: () => errorResponse(),
  },
  handler,
);
