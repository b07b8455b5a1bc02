// The browser API with @corsa/workers, served by wrangler dev (servers/wrangler.toml);
// PAGE_ORIGINS and WILD_PATTERN come from `--var`.

import '@corsa/core/public-suffix-list'; // the /wild/ policy is a credentialed wildcard
import { browserHandler, browserPolicies, policyNameOf, testEndpoint } from '../../testkit/src/browser-app.js';
import { withCors } from '../../workers/src/index.js';

interface Env {
  PAGE_ORIGINS: string;
  WILD_PATTERN: string;
}

const app = { fetch: (request: Request) => browserHandler(request) };
const strict = withCors((env: Env) => browserPolicies(env.PAGE_ORIGINS.split(','), env.WILD_PATTERN).strict, app);
const any = withCors((env: Env) => browserPolicies(env.PAGE_ORIGINS.split(','), env.WILD_PATTERN).any, app);
const wild = withCors((env: Env) => browserPolicies(env.PAGE_ORIGINS.split(','), env.WILD_PATTERN).wild, app);

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const name = policyNameOf(request);
    const handler = name === 'strict' ? strict : name === 'any' ? any : name === 'wild' ? wild : undefined;
    return testEndpoint(request) ?? (handler ? handler.fetch(request, env) : browserHandler(request));
  },
};
