// The browser API (testkit/src/browser-app.ts) under @corsa/next's withCors, one policy per
// path prefix (/strict, /any, /wild), for the browser matrix and corsa check's agreement.
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { withCors } from '@corsa/next';
import { browserHandler, browserPolicies, policyNameOf, testEndpoint } from '../../../../../testkit/src/browser-app.ts';

export const dynamic = 'force-dynamic';

let policies;
// Read at the first request: `next build` loads this module without the test's variables.
const policiesNow = () => (policies ??= browserPolicies(process.env.PAGE_ORIGINS.split(','), process.env.WILD_PATTERN));
const PLAIN = { origins: [] };
const handlers = withCors(
  (request) => {
    const name = policyNameOf(request);
    return name ? policiesNow()[name] : PLAIN;
  },
  Object.fromEntries(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => [method, browserHandler])),
);

// The test endpoints (/__runs, /__refusals) answer without CORS, as in every runtime.
const serve = (method) => (request, context) => testEndpoint(request) ?? handlers[method](request, context);
export const GET = serve('GET');
export const HEAD = serve('HEAD');
export const POST = serve('POST');
export const PUT = serve('PUT');
export const PATCH = serve('PATCH');
export const DELETE = serve('DELETE');
export const OPTIONS = serve('OPTIONS');
