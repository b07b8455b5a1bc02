// When several cors() middlewares match one request (`app.use('*', cors(A))` and
// `app.use('/api/*', cors(B))`), exactly one answers it: the one registered for the most
// specific path, whatever the order of registration. The first of them to run (Hono
// runs matched middleware in order) answers with that one's policy, preflight and
// actual request alike; the others stand aside.
import { CorsConfigError } from '@corsa/core';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** What the middleware created by one cors() call knows: how to get its policy. */
export interface CorsLayer {
  readonly resolve: (c: Context) => import('@corsa/core').CorsPolicy;
}

/** Every middleware function cors() made, with its layer. */
export const LAYERS = new WeakMap<object, CorsLayer>();

/** How many cors() middlewares exist: with one, no request can match two. */
let layerCount = 0;

export function registerLayer(middleware: object, layer: CorsLayer): void {
  LAYERS.set(middleware, layer);
  layerCount++;
}

/**
 * The layer that answers the request `c` is on, seen from the middleware at the
 * current route index: `self` when it is the only cors() matched, the most specific
 * one's layer when this is the first cors() of the chain, or undefined when an earlier
 * cors() of the chain has already answered (this one stands aside).
 */
export function answeringLayer(c: Context, self: CorsLayer): CorsLayer | undefined {
  if (layerCount === 1) return self;
  const routes = matchedRoutes(c);
  let first = -1;
  let best: { layer: CorsLayer; path: string; rank: number } | undefined;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i] as (typeof routes)[number];
    const layer = LAYERS.get(unwrap(route.handler));
    if (layer === undefined) continue;
    if (route.method !== 'ALL') {
      throw conflict(
        'hono-method-registration',
        `cors() is registered for ${route.method} ${route.path} only, but a preflight is an OPTIONS request, so preflight and actual request would be answered by different policies; register it for every method: app.use('${route.path}', cors(…)).`,
      );
    }
    if (first < 0) first = i;
    const rank = specificity(route.path);
    if (best === undefined || rank > best.rank) best = { layer, path: route.path, rank };
    else if (rank === best.rank && layer !== best.layer) {
      throw conflict(
        'hono-ambiguous-policies',
        `two different cors() match ${c.req.method} ${c.req.path} at equally specific paths ('${best.path}' and '${route.path}'), so neither can be said to answer it; register one cors() per path, or give one of them a more specific path.`,
      );
    }
  }
  // Not among the matched routes (called by hand from another middleware): it answers itself.
  const current = routes[c.req.routeIndex];
  if (first < 0 || current === undefined || !LAYERS.has(unwrap(current.handler))) return self;
  if (first !== c.req.routeIndex) return undefined;
  return best?.layer ?? self;
}

// Hono wraps the handlers of a sub-app that has its own onError; the original is kept here.
function unwrap(handler: object): object {
  return (handler as { __COMPOSED_HANDLER?: object }).__COMPOSED_HANDLER ?? handler;
}

const ranks = new Map<string, number>();

/**
 * How specific a Hono path pattern is: more literal segments first, then more named
 * parameters, then fewer wildcards. `/api/users` > `/api/:id` > `/api/*` > `/*`.
 */
export function specificity(path: string): number {
  let rank = ranks.get(path);
  if (rank !== undefined) return rank;
  let literal = 0;
  let params = 0;
  let wildcards = 0;
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    if (segment.includes('*')) wildcards++;
    else if (segment.startsWith(':')) params++;
    else literal++;
  }
  rank = literal * 1_000_000 + params * 1_000 - wildcards;
  ranks.set(path, rank);
  return rank;
}

function conflict(code: string, message: string): CorsConfigError {
  return new CorsConfigError([{ path: 'cors()', code, message }]);
}
