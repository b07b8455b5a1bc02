// When several cors() middlewares match one request (`app.use('*', cors(A))` and
// `app.use('/api/*', cors(B))`), exactly one answers it: the one registered for the most
// specific path, whatever the order of registration. The first of them to run (Hono
// runs matched middleware in order) answers with that one's policy, preflight and
// actual request alike; the others stand aside.
//
// A cors() reached through another middleware (`every(adminCors, requireAdmin)`, a
// condition `(c, next) => … adminCors(c, next) …`) is not among the matched routes, so
// it cannot be ranked before it runs. When it runs and finds that another cors() already
// answers the request, nothing can make that answer right (a preflight for its paths has
// already been answered by the broader policy): it fails loudly, and its wrapper is
// remembered so that from then on every request the wrapper matches fails loudly too,
// preflights included. Alone, a wrapped cors() answers for itself.
import { CorsConfigError } from '@corsa/core';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** What the middleware created by one cors() call knows: how to get its policy. */
export interface CorsLayer {
  readonly resolve: (c: Context) => import('@corsa/core').CorsPolicy;
}

/** Every middleware function cors() made, with its layer. */
export const LAYERS = new WeakMap<object, CorsLayer>();

/** Middleware seen running a cors() inside it (every(), some(), a condition), with the path it was registered for. */
const WRAPPERS = new WeakMap<object, string>();

/**
 * The layer that answers each request, once one has: a property of the request's Hono
 * context under a private symbol. Not a WeakMap keyed by the context: an entry per request
 * is an ephemeron that made Node's garbage collector several times costlier (core's marks.ts).
 */
const ANSWERING = Symbol('corsa.answering');
type Marked = Context & { [ANSWERING]?: CorsLayer };

export function registerLayer(middleware: object, layer: CorsLayer): void {
  LAYERS.set(middleware, layer);
}

/** Records that `layer` answers the request of `c`. */
export function markAnswering(c: Context, layer: CorsLayer): void {
  (c as Marked)[ANSWERING] = layer;
}

/**
 * The layer that answers the request `c` is on, seen from the middleware at the
 * current route index: `self` when it is the only cors() matched, the most specific
 * one's layer when this is the first cors() of the chain, or undefined when an earlier
 * cors() of the chain has already answered (this one stands aside). Throws a
 * `CorsConfigError` for overlaps that cannot be resolved (equal paths, per-method
 * registration, a wrapped cors() beside another).
 */
export function answeringLayer(c: Context, self: CorsLayer): CorsLayer | undefined {
  const routes = matchedRoutes(c);
  let first = -1;
  let wrapped: string | undefined;
  let best: { layer: CorsLayer; path: string; rank: number } | undefined;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i] as (typeof routes)[number];
    const handler = unwrap(route.handler);
    const layer = LAYERS.get(handler);
    if (layer === undefined) {
      if (WRAPPERS.has(handler)) wrapped = route.path;
      continue;
    }
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
  const current = routes[c.req.routeIndex];
  const direct = current !== undefined && LAYERS.has(unwrap(current.handler));
  if (!direct) {
    // Reached through another middleware (or called by hand): it cannot be ranked.
    const answering = (c as Marked)[ANSWERING];
    if (current !== undefined) WRAPPERS.set(unwrap(current.handler), current.path);
    if (answering !== undefined && answering !== self) throw wrappedConflict(c, current?.path, best?.path);
    return self;
  }
  if (wrapped !== undefined && best !== undefined) throw wrappedConflict(c, wrapped, best.path);
  if (first !== c.req.routeIndex) return undefined;
  return best?.layer ?? self;
}

function wrappedConflict(c: Context, wrappedPath: string | undefined, otherPath: string | undefined): CorsConfigError {
  const at = wrappedPath === undefined ? '' : ` for '${wrappedPath}'`;
  const other = otherPath === undefined ? 'another cors()' : `the cors() for '${otherPath}'`;
  const path = wrappedPath ?? '/path/*';
  return conflict(
    'hono-wrapped-cors',
    `a cors()${at} runs inside another middleware (every(), some(), a condition), where Corsa cannot rank it, and ${other} also matches ${c.req.method} ${c.req.path}: the broader policy would answer this path's preflights before the wrapped one runs. Register it directly, before the middleware it was combined with: app.use('${path}', cors(…)), then app.use('${path}', requireAdmin).`,
  );
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
