// Several Corsa layers can see one request: an app wrapped twice, a Hono sub-app with
// its own cors() called with the same Request, withCors around a Hono app that uses
// cors() too. Exactly one policy must answer it, never a mix. The first layer to see a
// request claims it with the policy that answers; a later layer with the same policy
// (or one the claimer already took into account) stands aside, and a later layer with
// another policy is a configuration that cannot mean what its author wrote, so it fails
// loudly instead of being silently overruled.
import { CorsConfigError } from './errors.js';
import type { CorsPolicy } from './policy.js';

interface Claim {
  readonly policy: CorsPolicy;
  /** The layer (or Hono context) that claimed the request. */
  readonly owner: object;
}

const claims = new WeakMap<Request, Claim>();

/** How many Corsa layers exist in this process: with one, no request can meet two. */
let layers = 0;

/**
 * For adapters: a token for one Corsa layer (one withCors call, one cors() middleware),
 * to pass as `owner`. Counting them lets `claimRequest` skip its bookkeeping while a
 * process has a single layer, the common case.
 */
export function newLayer(): object {
  layers++;
  return {};
}

/**
 * For adapters: call it before answering `request` with `policy`. Returns `true` when
 * this layer answers (it now owns the request until `releaseRequest`), `false` when an
 * outer Corsa layer already answers it with the same policy, or the same `owner`
 * claimed it (stand aside: run the handler, add nothing). Throws a `CorsConfigError`
 * (code `nested-policies`) when an outer layer answers with a different policy.
 */
export function claimRequest(request: Request, policy: CorsPolicy, owner: object): boolean {
  if (layers <= 1) return true;
  const claim = claims.get(request);
  if (claim === undefined) {
    claims.set(request, { policy, owner });
    return true;
  }
  if (claim.owner === owner || claim.policy === policy) return false;
  throw new CorsConfigError([
    {
      path: 'layers',
      code: 'nested-policies',
      message: `two Corsa layers with different policies both handle ${request.method} ${pathOf(request.url)}: an outer layer already answers CORS for it, so this inner layer's policy could never apply. Keep one layer and choose the policy per request inside it (withCors((request) => options, handler), or in Hono one cors() per path: the most specific path answers).`,
    },
  ]);
}

/**
 * For adapters: ends `owner`'s claim once its answer is complete (in a `finally`), so
 * that the same `Request` object dispatched again later is answered afresh.
 */
export function releaseRequest(request: Request, owner: object): void {
  if (layers > 1 && claims.get(request)?.owner === owner) claims.delete(request);
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}
