// @corsa/sveltekit's cors() as the app's handle, one policy per path:
//   /r/…        the reference app (testkit/src/reference-app.ts), /r/flaky/… under FLAKY_POLICY
//   /strict|any|wild/…  the browser API (testkit/src/browser-app.ts)
//   /bare       no Corsa: what SvelteKit does to a preflight by itself
// The browser API's test endpoints (/__runs, /__refusals) answer without CORS, as in every runtime.
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { cors } from '@corsa/sveltekit';
import { sequence } from '@sveltejs/kit/hooks';
import { browserPolicies, policyNameOf, testEndpoint } from '../../../../testkit/src/browser-app.ts';
import { FLAKY_POLICY, REFERENCE_POLICY } from '../../../../testkit/src/reference-app.ts';

let policies;
// Read at the first request: the build loads this module without the test's variables.
const browserPoliciesNow = () => (policies ??= browserPolicies((process.env.PAGE_ORIGINS ?? '').split(','), process.env.WILD_PATTERN ?? ''));
const PLAIN = { origins: [] };

const corsa = cors((event) => {
  const path = event.url.pathname;
  if (path.startsWith('/r/flaky/')) return FLAKY_POLICY;
  if (path.startsWith('/r/')) return REFERENCE_POLICY;
  const name = policyNameOf(event.request);
  return name ? browserPoliciesNow()[name] : PLAIN;
});

/** Marks the response, to show that a hook after cors() in sequence() runs for every request but preflights. */
const after = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (event.url.pathname === '/r/hook-fails') throw new Error('a later hook failed on purpose');
  return response;
};

export const handle = sequence(({ event, resolve }) => {
  if (event.url.pathname.startsWith('/bare')) return resolve(event);
  return testEndpoint(event.request) ?? corsa({ event, resolve });
}, after);
