// A multi-tenant API: each customer calls it from their own domain (a storefront, an
// embedded widget), and the allowed origins live in a store the service reads at run
// time, not in code. Runtime-agnostic: the Worker (worker.ts, Workers KV) and the Deno
// server (deno.ts, Deno KV) each give it their store.
//
//   GET  /api/hello                                   the API the tenants' pages call (credentials allowed)
//   PUT  /admin/origins?origin=https://shop.example   a tenant's origin allowed, at once
//   DELETE /admin/origins?origin=…                     and refused again, at once
//   PUT  /admin/debug?on=true|false                   Corsa-Refusal on refused requests, or not
//   GET  /admin/stats                                  store reads so far, origins remembered
// Admin routes need `Authorization: Bearer <ADMIN_TOKEN>`.
import { type CachedOrigins, type CorsOptions, cachedOrigins, type LivePolicy, livePolicy } from '@corsa/core';

/** Where the allowed origins live. */
export interface OriginStore {
  has(origin: string): Promise<boolean>;
  add(origin: string): Promise<void>;
  remove(origin: string): Promise<void>;
}

export interface TenantsConfig {
  /** Milliseconds an allowed origin is trusted without asking the store (another instance's change shows within it). */
  readonly ttl: number;
  /** Origins remembered at most. */
  readonly max: number;
  /** The bearer token of the admin routes. */
  readonly adminToken: string;
}

/** What a runtime needs: the policy source for its adapter and the request handler. */
export interface Tenants {
  readonly cors: LivePolicy;
  readonly origins: CachedOrigins;
  handle(request: Request): Promise<Response>;
}

/** The config from the runtime's variables (TENANT_TTL_MS, TENANT_MAX, ADMIN_TOKEN), with local-development defaults. */
/** The variables the config is read from (a Worker's env, Deno.env.toObject()). */
export interface TenantsVars {
  readonly ADMIN_TOKEN?: unknown;
  readonly TENANT_TTL_MS?: unknown;
  readonly TENANT_MAX?: unknown;
}

export function tenantsConfig(vars: TenantsVars): TenantsConfig {
  const whole = (name: 'TENANT_TTL_MS' | 'TENANT_MAX', fallback: number) => {
    const value = Number(vars[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${String(vars[name])}`);
    return value;
  };
  const adminToken = typeof vars.ADMIN_TOKEN === 'string' ? vars.ADMIN_TOKEN : '';
  if (adminToken.length < 16) throw new Error('ADMIN_TOKEN must be set, at least 16 characters (wrangler secret put ADMIN_TOKEN, or the environment)');
  return { ttl: whole('TENANT_TTL_MS', 60_000), max: whole('TENANT_MAX', 10_000), adminToken };
}

export function tenants(store: OriginStore, config: TenantsConfig): Tenants {
  let lookups = 0;
  const origins = cachedOrigins(
    (origin) => {
      lookups++;
      return store.has(origin);
    },
    { ttl: config.ttl, max: config.max },
  );
  const base: CorsOptions = { origins, credentials: true, methods: ['GET', 'PUT'], allowHeaders: ['content-type'], maxAge: 600 };
  const cors = livePolicy(base);

  async function admin(request: Request, path: string, query: URLSearchParams): Promise<Response> {
    if (request.headers.get('authorization') !== `Bearer ${config.adminToken}`) return new Response('Unauthorized', { status: 401 });
    if (path === '/admin/stats' && request.method === 'GET') return Response.json({ lookups, remembered: origins.size });
    if (path === '/admin/debug' && request.method === 'PUT') {
      cors.replace({ ...base, debug: query.get('on') === 'true' });
      return new Response(null, { status: 204 });
    }
    if (path === '/admin/origins' && (request.method === 'PUT' || request.method === 'DELETE')) {
      const origin = query.get('origin') ?? '';
      if (!isOrigin(origin)) return new Response(`'${origin}' is not an origin (scheme://host[:port])`, { status: 400 });
      await (request.method === 'PUT' ? store.add(origin) : store.remove(origin));
      origins.invalidate(origin); // this instance at once; others within the TTL
      return new Response(null, { status: 204 });
    }
    return new Response('Not Found', { status: 404 });
  }

  return {
    cors,
    origins,
    async handle(request) {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/admin/')) return admin(request, url.pathname, url.searchParams);
      if (url.pathname === '/api/hello' && request.method === 'GET') return Response.json({ hello: 'tenant' });
      return new Response('Not Found', { status: 404 });
    },
  };
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}
