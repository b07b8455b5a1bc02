// @corsa/astro's cors() as the app's middleware, one policy per path:
//   /r/…        the reference app (testkit/src/reference-app.ts), /r/flaky/… under FLAKY_POLICY
//   /strict|any|wild/…  the browser API (testkit/src/browser-app.ts)
//   /bare       no Corsa: what Astro does to a preflight by itself
// The browser API's test endpoints (/__runs, /__refusals) answer without CORS, as in every runtime.
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { sequence } from 'astro:middleware';
import { cors } from '@corsa/astro';
import { browserPolicies, policyNameOf, testEndpoint } from '../../../../testkit/src/browser-app.ts';
import { FLAKY_POLICY, REFERENCE_POLICY } from '../../../../testkit/src/reference-app.ts';

let policies;
// Read at the first request: the build loads this module without the test's variables.
const browserPoliciesNow = () => (policies ??= browserPolicies((process.env.PAGE_ORIGINS ?? '').split(','), process.env.WILD_PATTERN ?? ''));
const PLAIN = { origins: [] };

const corsa = cors((context) => {
  const path = context.url.pathname;
  if (path.startsWith('/r/flaky/')) return FLAKY_POLICY;
  if (path.startsWith('/r/')) return REFERENCE_POLICY;
  const name = policyNameOf(context.request);
  return name ? browserPoliciesNow()[name] : PLAIN;
});

/** A middleware after cors() that throws for one path, to show its error keeps the CORS answer. */
const after = async (context, next) => {
  const response = await next();
  if (context.url.pathname === '/r/hook-fails') throw new Error('a later middleware failed on purpose');
  return response;
};

export const onRequest = sequence((context, next) => {
  if (context.url.pathname.startsWith('/bare')) return next();
  return testEndpoint(context.request) ?? corsa(context, next);
}, after);
