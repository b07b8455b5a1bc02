// Deno KV as the tenants' store: key ['tenant-origins', origin] per allowed origin.
import type { OriginStore } from './tenants.ts';

export function denoKvStore(kv: Deno.Kv): OriginStore {
  return {
    has: async (origin) => (await kv.get(['tenant-origins', origin])).value !== null,
    add: async (origin) => void (await kv.set(['tenant-origins', origin], true)),
    remove: (origin) => kv.delete(['tenant-origins', origin]),
  };
}
