// The browser API with @corsa/bun: bun run servers/bun.ts
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { withCors } from '../../bun/src/index.ts';
import { browserHandler, browserPolicies, policyNameOf, testEndpoint } from '../../testkit/src/browser-app.ts';

const policies = browserPolicies(process.env.PAGE_ORIGINS!.split(','), process.env.WILD_PATTERN!);
const wrapped = {
  strict: withCors(policies.strict, { fetch: browserHandler }).fetch!,
  any: withCors(policies.any, { fetch: browserHandler }).fetch!,
  wild: withCors(policies.wild, { fetch: browserHandler }).fetch!,
};
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch(request, srv) {
    const name = policyNameOf(request);
    return testEndpoint(request) ?? (name ? wrapped[name].call(srv, request, srv) : browserHandler(request));
  },
});
console.log(`LISTENING ${server.port}`);
