// The tenants API as a Cloudflare Worker; allowed origins in the KV namespace ORIGINS
// (key: the origin). `npm run worker -w examples/tenants` serves it with wrangler dev and
// Miniflare's local KV (kept in .wrangler/state).
import { withCors } from '@corsa/workers';
import { type OriginStore, type Tenants, tenants, tenantsConfig } from './tenants.ts';

/** What the store uses of a Workers KV namespace. */
interface KvNamespace {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

interface Env {
  ORIGINS: KvNamespace;
  ADMIN_TOKEN?: string;
  TENANT_TTL_MS?: string;
  TENANT_MAX?: string;
}

/** Workers KV as the store: one key per allowed origin. */
export function kvStore(kv: KvNamespace): OriginStore {
  return {
    has: async (origin) => (await kv.get(origin)) !== null,
    add: (origin) => kv.put(origin, '1'),
    remove: (origin) => kv.delete(origin),
  };
}

// One per isolate: the cache lives as long as the isolate does.
let app: Tenants | undefined;
const appFor = (env: Env) => (app ??= tenants(kvStore(env.ORIGINS), tenantsConfig(env)));

export default withCors((env: Env) => appFor(env).cors(), {
  fetch: (request: Request, env: Env) => appFor(env).handle(request),
});
