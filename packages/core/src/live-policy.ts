// Reconfiguring a running service: one policy at a time, swapped whole. A request takes
// the policy current when its answer starts (the adapter calls the source once per
// request), so no request ever sees a mix of two policies; the next one sees the new one.
import type { CorsOptions } from './options.js';
import type { CorsPolicy } from './policy.js';
import { toPolicy } from './policy-source.js';

/**
 * A policy source (`cors(live)`, `withCors(live, handler)`) whose policy can be replaced
 * while the service runs: an admin adds an origin, turns `debug` on. Produces exactly the
 * headers of its current policy.
 */
export interface LivePolicy {
  /** The current policy: what an adapter calls once per request. */
  (context?: unknown): CorsPolicy;
  /**
   * Compiles `next` first and, only when it compiles, makes it the policy of every request
   * that starts afterwards. A bad option throws its `CorsConfigError` here and the running
   * policy stays as it was. Returns the new policy.
   */
  replace(next: CorsOptions | CorsPolicy): CorsPolicy;
  /** The policy requests get now. */
  readonly current: CorsPolicy;
}

/** Starts a live policy from `initial` (options are compiled now: a bad option throws now). */
export function livePolicy(initial: CorsOptions | CorsPolicy): LivePolicy {
  let current = toPolicy(initial);
  const live = (() => current) as LivePolicy;
  live.replace = (next) => {
    const compiled = toPolicy(next);
    current = compiled;
    return compiled;
  };
  Object.defineProperty(live, 'current', { get: () => current });
  return live;
}
