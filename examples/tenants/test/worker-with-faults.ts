// The tenants Worker over the real KV binding, with the test's fault switch in front of the store.
import { withCors } from '@corsa/workers';
import { type Tenants, type TenantsVars, tenants, tenantsConfig } from '../src/tenants.ts';
import { kvStore } from '../src/worker.ts';
import { faultyStore } from './faults.ts';

type Env = TenantsVars & { ORIGINS: Parameters<typeof kvStore>[0] };

let app: { tenants: Tenants; faults: ReturnType<typeof faultyStore> } | undefined;
function appFor(env: Env) {
  if (app === undefined) {
    const faults = faultyStore(kvStore(env.ORIGINS));
    app = { tenants: tenants(faults.store, tenantsConfig(env)), faults };
  }
  return app;
}

export default withCors((env: Env) => appFor(env).tenants.cors(), {
  fetch: async (request: Request, env: Env) => appFor(env).faults.handle(request) ?? appFor(env).tenants.handle(request),
});
