// One resolver for every adapter: options, a compiled policy, or a function of the
// request's context (Hono's `c`, a Worker's `env`, the request) that returns either.
// A function runs per request; what it returns is compiled once and cached, so a
// factory such as `(c) => corsOptionsFromEnv(c.env)` costs a call and a lookup.
import { CorsConfigError } from './errors.js';
import type { CorsOptions } from './options.js';
import { type CorsPolicy, createCorsPolicy, isCorsPolicy } from './policy.js';

/**
 * Where a policy comes from: options (compiled once, at start-up), a compiled policy, or
 * a function of `Context` returning options or a policy. The function is called for
 * every request; what it returns is compiled once per distinct value (the same object,
 * or options of the same content), so it may build options afresh each time. It may
 * throw (a `CorsConfigError` from `corsOptionsFromEnv`, say): the adapter's request then
 * fails with that error.
 */
export type PolicySource<Context> = CorsOptions | CorsPolicy | ((context: Context) => CorsOptions | CorsPolicy);

/**
 * A policy source that is a function of the request's context. Adapters declare it in an
 * overload of its own, next to one taking `CheckedCorsOptions<O>` (options or a policy,
 * checked as `createCorsPolicy` checks them), so that options written in place are type
 * errors that name the fix and a function still gets its parameter's type.
 */
export type PolicyFactory<Context> = (context: Context) => CorsOptions | CorsPolicy;

/** How many distinct option contents a function source may produce before the cache starts over. */
const MAX_CACHED_CONTENTS = 256;

/**
 * Turns a policy source into `(context) => CorsPolicy`. Options and policies are
 * compiled here, at once (a bad option throws now). For a function, `cacheKeyOf` may
 * name the object the function's answer depends on alone (a Worker's `env`): the
 * function then runs once per such object.
 */
export function policyResolver<Context>(source: PolicySource<Context>, cacheKeyOf?: (context: Context) => unknown): (context: Context) => CorsPolicy {
  if (typeof source !== 'function') {
    const policy = toPolicy(source);
    return () => policy;
  }
  const factory = source as (context: Context) => CorsOptions | CorsPolicy;
  const byObject = new WeakMap<object, CorsPolicy>();
  const byContent = new Map<string, CorsPolicy>();
  const compile = (value: CorsOptions | CorsPolicy): CorsPolicy => {
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
    let policy = byObject.get(value);
    if (policy !== undefined) return policy;
    const key = contentKey(value);
    policy = byContent.get(key);
    if (policy === undefined) {
      policy = createCorsPolicy(value);
      if (byContent.size >= MAX_CACHED_CONTENTS) byContent.clear();
      byContent.set(key, policy);
    }
    byObject.set(value, policy);
    return policy;
  };
  if (cacheKeyOf === undefined) return (context) => compile(factory(context));
  const byKey = new WeakMap<object, CorsPolicy>();
  return (context) => {
    const key = cacheKeyOf(context);
    if (typeof key !== 'object' || key === null) return compile(factory(context));
    let policy = byKey.get(key);
    if (policy === undefined) {
      policy = compile(factory(context));
      byKey.set(key, policy);
    }
    return policy;
  };
}

/** The policy `value` names: itself, or compiled from options. */
export function toPolicy(value: CorsPolicy | CorsOptions): CorsPolicy {
  return isCorsPolicy(value) ? value : createCorsPolicy(value);
}

// A string equal for option objects of equal content: own keys in order, strings
// quoted, arrays element by element, functions and other objects by identity.
function contentKey(options: object): string {
  let key = '';
  for (const name of Object.keys(options).sort()) {
    key += `${JSON.stringify(name)}:${valueKey((options as Record<string, unknown>)[name])};`;
  }
  return key;
}

function valueKey(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') return `#${identityOf(value)}`;
  return `${typeof value}:${String(value)}`;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = ++nextIdentity;
    identities.set(value, id);
  }
  return id;
}
