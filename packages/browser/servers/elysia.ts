// The browser API with @corsa/elysia: bun run servers/elysia.ts. The test endpoints answer
// first (an onRequest before the plugin's), without CORS, as in every runtime.
import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { Elysia } from 'elysia';
import { cors } from '../../elysia/src/index.ts';
import { browserHandler, browserPolicies, policyNameOf, testEndpoint } from '../../testkit/src/browser-app.ts';

const policies = browserPolicies(process.env.PAGE_ORIGINS!.split(','), process.env.WILD_PATTERN!);
const PLAIN = { origins: [] };
const app = new Elysia()
  .onRequest(({ request }) => testEndpoint(request))
  .use(cors(({ request }) => (policyNameOf(request) ? policies[policyNameOf(request)!] : PLAIN)))
  .all('*', ({ request }) => browserHandler(request))
  .listen({ hostname: '127.0.0.1', port: 0 });
console.log(`LISTENING ${app.server?.port}`);
