// The browser API with @corsa/deno: deno run --allow-net --allow-env servers/deno.ts
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { withCors } from '../../deno/src/index.ts';
import { browserHandler, browserPolicies, policyNameOf, testEndpoint } from '../../testkit/src/browser-app.ts';

const policies = browserPolicies(Deno.env.get('PAGE_ORIGINS')!.split(','), Deno.env.get('WILD_PATTERN')!);
const handlers = {
  strict: withCors(policies.strict, browserHandler),
  any: withCors(policies.any, browserHandler),
  wild: withCors(policies.wild, browserHandler),
};
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`LISTENING ${port}`) }, (request, info) => {
  const name = policyNameOf(request);
  return testEndpoint(request) ?? (name ? handlers[name](request, info) : browserHandler(request));
});
