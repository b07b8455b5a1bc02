// The tenants server on Deno over real Deno KV (KV_PATH), with the test's fault switch in front of the store.
import { withCors } from '@corsa/deno';
import { denoKvStore } from '../src/deno-kv-store.ts';
import { tenants, tenantsConfig } from '../src/tenants.ts';
import { faultyStore } from './faults.ts';

const faults = faultyStore(denoKvStore(await Deno.openKv(Deno.env.get('KV_PATH'))));
const app = tenants(faults.store, tenantsConfig(Deno.env.toObject()));

Deno.serve(
  { hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 0), onListen: ({ port }) => console.log(`Listening on http://127.0.0.1:${port}`) },
  withCors(
    () => app.cors(),
    (request) => faults.handle(request) ?? app.handle(request),
  ),
);
