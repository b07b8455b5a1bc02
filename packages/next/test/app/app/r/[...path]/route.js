// The reference app (testkit/src/reference-app.ts) under /r/, through @corsa/next's
// withCors, for the shared adapter vectors: a function of the request picks /flaky/'s policy.
import { withCors } from '@corsa/next';
import { FLAKY_POLICY, isFlaky, REFERENCE_POLICY, referenceHandler } from '../../../../../../testkit/src/reference-app.ts';
import { stripPrefix, underPrefix } from '../../../../../../testkit/src/under-prefix.ts';

export const dynamic = 'force-dynamic';

const handle = underPrefix('/r', (request) => referenceHandler(process.env.UPSTREAM ?? '')(request));
export const { GET, POST, PUT, DELETE, OPTIONS } = withCors((request) => (isFlaky(stripPrefix('/r', request)) ? FLAKY_POLICY : REFERENCE_POLICY), {
  GET: handle,
  POST: handle,
  PUT: handle,
  DELETE: handle,
  OPTIONS: handle,
});
