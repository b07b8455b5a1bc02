// The tenants API on Deno; allowed origins in Deno KV (key ['tenant-origins', origin]).
//   npm run deno -w examples/tenants      (KV_PATH picks the database file; default: Deno's own)
import { withCors } from '@corsa/deno';
import { denoKvStore } from './deno-kv-store.ts';
import { tenants, tenantsConfig } from './tenants.ts';

const kv = await Deno.openKv(Deno.env.get('KV_PATH'));
const app = tenants(denoKvStore(kv), tenantsConfig({ ADMIN_TOKEN: 'local-development-admin-token', ...Deno.env.toObject() }));
const port = Number(Deno.env.get('PORT') ?? 3011);

Deno.serve(
  { hostname: '127.0.0.1', port, onListen: ({ port }) => console.log(`Corsa tenants example, Deno: listening on http://127.0.0.1:${port}`) },
  withCors(
    () => app.cors(),
    (request) => app.handle(request),
  ),
);
