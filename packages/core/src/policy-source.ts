// One resolver for every adapter: options, a compiled policy, or a function of the
// request's context (Hono's `c`, a Worker's `env`, the request) that returns either.
// A function runs per request; what it returns is compiled once per content and cached,
// so a factory such as `(c) => corsOptionsFromEnv(c.env)` costs a call and a lookup.
import { type ContentSnapshot, contentKey, sameContent, snapshotOf } from './content-key.js';
import { CorsConfigError } from './errors.js';
import type { CheckedCorsOptions, CorsOptions } from './options.js';
import { type CorsPolicy, createCorsPolicy, isCorsPolicy } from './policy.js';

/**
 * Where a policy comes from: options (compiled once, at start-up), a compiled policy, or
 * a function of `Context` returning options or a policy. The function is called for
 * every request; what it returns is compiled once per distinct content, so it may build
 * options afresh each time, or return one object it changes between requests (each
 * request is answered by what the object holds when the function returns). It may
 * throw (a `CorsConfigError` from `corsOptionsFromEnv`, say): the adapter's request then
 * fails with that error.
 */
export type PolicySource<Context> = CorsOptions | CorsPolicy | ((context: Context) => CorsOptions | CorsPolicy);

/** A policy source that is a function of the request's context (Hono's `c`, a Worker's `env`, the request). */
export type PolicyFactory<Context> = (context: Context) => CorsOptions | CorsPolicy;

/**
 * The type of an adapter's `source` parameter, for a source of type `S` inferred from the
 * argument: a function gets `Context` for its parameter; options and policies are
 * checked as `createCorsPolicy` checks them (`CheckedCorsOptions`), so that a mistake
 * written in place is reported with the sentence that names its fix. One signature,
 * not overloads: TypeScript would otherwise report the mistake under "No overload
 * matches this call", against the wrong overload.
 *
 * Adapters declare `<const S extends PolicySource<Context> = PolicySource<Context>>
 * (source: CheckedPolicySource<S, Context>)`; the default is what an explicit context
 * type (`cors<AppEnv>((c) => …)`) leaves `S` to be.
 */
export type CheckedPolicySource<S, Context> = S extends (...args: never[]) => unknown ? PolicyFactory<Context> : CheckedCorsOptions<S>;

/** How many distinct option contents a function source may produce before the cache starts over. */
const MAX_CACHED_CONTENTS = 256;

/** An options object a function returned, with the policy compiled from what it held then. */
interface CompiledObject {
  readonly policy: CorsPolicy;
  readonly snapshot: ContentSnapshot;
}

/**
 * Turns a policy source into `(context) => CorsPolicy`. Options and policies are
 * compiled here, at once (a bad option throws now). A function runs for every request,
 * and the policy always matches what its answer holds at that moment: an object seen
 * before is checked against what it held when compiled (a few comparisons, no
 * allocation), and new content is compiled once and kept (up to 256 contents).
 */
export function policyResolver<Context>(source: PolicySource<Context>): (context: Context) => CorsPolicy {
  if (typeof source !== 'function') {
    const policy = toPolicy(source);
    return () => policy;
  }
  const factory = source as (context: Context) => CorsOptions | CorsPolicy;
  const byObject = new WeakMap<object, CompiledObject>();
  const byContent = new Map<string, CorsPolicy>();
  return (context) => {
    const value = factory(context);
    if (isCorsPolicy(value)) return value;
    if (typeof value !== 'object' || value === null) {
      throw new CorsConfigError([
        {
          path: 'options',
          code: 'source-not-options',
          message: `the policy function returned ${String(value)}; return options such as { origins: [...] } or a policy.`,
        },
      ]);
    }
    const known = byObject.get(value);
    // The same object again: valid only while it still holds what it held when compiled.
    if (known !== undefined && sameContent(value, known.snapshot)) return known.policy;
    const snapshot = snapshotOf(value);
    const key = contentKey(value);
    let policy = byContent.get(key);
    if (policy === undefined) {
      policy = createCorsPolicy(value);
      if (byContent.size >= MAX_CACHED_CONTENTS) byContent.clear();
      byContent.set(key, policy);
    }
    byObject.set(value, { policy, snapshot });
    return policy;
  };
}

/** The policy `value` names: itself, or compiled from options. */
export function toPolicy(value: CorsPolicy | CorsOptions): CorsPolicy {
  return isCorsPolicy(value) ? value : createCorsPolicy(value);
}
