// The `deno serve` form: the default export is wrapped as an object with fetch.
// Usage: deno serve --allow-net --allow-env --host 127.0.0.1 --port 0 test/serve-default.ts
import { FLAKY_POLICY, isFlaky, REFERENCE_POLICY, referenceHandler } from '../../testkit/src/reference-app.ts';
import { withCors } from '../src/index.ts';

const handle = referenceHandler(Deno.env.get('UPSTREAM') ?? '');
export default withCors((request) => (isFlaky(request) ? FLAKY_POLICY : REFERENCE_POLICY), {
  fetch: (request: Request) => handle(request),
});
