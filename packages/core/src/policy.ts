import { contentKey } from './content-key.js';
import { SAFELISTED_METHODS } from './header-rules.js';
import type { CheckedCorsOptions, CorsOptions, CorsRefusal, IsAsyncOptions, NormalizedCorsOptions, OriginPredicate } from './options.js';
import { OriginMatcher } from './origin-patterns.js';
import type { PredicateProbe } from './predicate-probe.js';
import { DEFAULT_PREDICATE_TIMEOUT, validateOptions } from './validate.js';

/**
 * Everything `evaluateCors` needs, derived once from the options so that a request only
 * reads four headers, looks things up and allocates its answer.
 */
export interface PolicyState {
  readonly options: NormalizedCorsOptions;
  /** Equal for policies compiled from options of equal content (see content-key.ts). */
  readonly fingerprint: string;
  readonly anyOrigin: boolean;
  readonly matcher: OriginMatcher | undefined;
  readonly predicate: OriginPredicate | undefined;
  /** Milliseconds an async predicate may take before its origin is refused. */
  readonly predicateTimeout: number;
  /** With credentials and a predicate: whether it allows an origin no site can have (mutable, see predicate-probe.ts). */
  readonly probe: PredicateProbe | undefined;
  readonly credentials: boolean;
  /** Headers of an actual response with `origins: '*'`: ACAO `*`, and ACEH when set. */
  readonly anyOriginHeaders: readonly (readonly [string, string])[];
  /** Headers of an actual response to an allowed origin, besides ACAO: Vary, ACAC, ACEH. */
  readonly allowedOriginHeaders: readonly (readonly [string, string])[];
  /** Methods a preflight may ask for besides the safelisted ones; undefined = any. */
  readonly methods: ReadonlySet<string> | undefined;
  /** The longest method in `methods`: a longer request is refused without a lookup. */
  readonly maxMethodLength: number;
  /** ACAM value; undefined = reflect the requested method (any method, with credentials). */
  readonly allowMethodsValue: string | undefined;
  /** Lower-case header names a preflight may ask for; undefined = any. */
  readonly headers: ReadonlySet<string> | undefined;
  /** Longest `Access-Control-Request-Headers` that is read at all (see `checkRequestedHeaders`). */
  readonly maxRequestHeadersLength: number;
  /** ACAH value; undefined = reflect the requested list (any header, with credentials). */
  readonly allowHeadersValue: string | undefined;
  readonly maxAgeValue: string | undefined;
  readonly preflightStatus: 200 | 204;
  /** Vary of preflight answers (allowed or refused): what the answer depends on. */
  readonly preflightVary: string | undefined;
  readonly debug: boolean;
  readonly onRefusal: ((refusal: CorsRefusal) => unknown) | undefined;
}

/**
 * The longest `Access-Control-Request-Headers` reflected when any header is allowed with
 * credentials. Browsers list only the names a script set, so real lists are far shorter;
 * a longer one is refused without being read.
 */
export const MAX_REFLECTED_HEADERS_LENGTH = 4096;

/** The longest method reflected when any method is allowed with credentials. */
export const MAX_REFLECTED_METHOD_LENGTH = 64;

let stateOfPolicy: (policy: CorsPolicy) => PolicyState;

/** Marks a `CorsPolicy` for the type system; it has no value at run time. */
declare const corsPolicy: unique symbol;

/**
 * A compiled, validated, immutable CORS policy: build it with `createCorsPolicy` once,
 * at start-up, and pass it to `evaluateCors` or an adapter for every request. Opaque:
 * it has no members of its own to offer (so an editor completing `cors({ … })` offers
 * only options). `Async` is `true` when the origins predicate may return a Promise, and
 * then `evaluateCors` may too.
 */
export interface CorsPolicy<Async extends boolean = boolean> {
  readonly [corsPolicy]: Async;
}

class CompiledPolicy<Async extends boolean = boolean> implements CorsPolicy<Async> {
  declare readonly [corsPolicy]: Async;
  readonly #state: PolicyState;

  constructor(state: PolicyState) {
    this.#state = state;
    Object.freeze(this);
  }

  static {
    stateOfPolicy = (policy) => {
      if (!(policy instanceof CompiledPolicy)) {
        throw new TypeError('Expected a CorsPolicy from createCorsPolicy(options).');
      }
      return policy.#state;
    };
  }
}

/** `true` when two policies answer alike: the same policy, or compiled from options of equal content. */
export function samePolicy(a: CorsPolicy, b: CorsPolicy): boolean {
  return a === b || stateOfPolicy(a).fingerprint === stateOfPolicy(b).fingerprint;
}

/** `true` when `value` is a policy made by `createCorsPolicy` (and not options). */
export function isCorsPolicy(value: unknown): value is CorsPolicy {
  return value instanceof CompiledPolicy;
}

/** The options `policy` was compiled from, validated and normalised (frozen; lists lower-cased and de-duplicated). Internal to @corsa/core and its tests. */
export function optionsOf(policy: CorsPolicy): NormalizedCorsOptions {
  return stateOfPolicy(policy).options;
}

/** The compiled state of `policy` (internal to @corsa/core). */
export function stateOf(policy: CorsPolicy): PolicyState {
  return stateOfPolicy(policy);
}

/**
 * Validates `options`, reporting every problem at once in one `CorsConfigError`, and
 * compiles them into an immutable policy: every header value is computed here, once.
 * Changing `options` afterwards changes nothing.
 */
export function createCorsPolicy<const O extends CorsOptions>(options: CheckedCorsOptions<O>): CorsPolicy<IsAsyncOptions<O>> {
  const { options: normalized, patterns, probe } = validateOptions(options);
  const o = normalized;
  const anyOrigin = o.origins === '*';
  const credentials = o.credentials;
  const expose = o.exposeHeaders === '*' ? '*' : o.exposeHeaders.join(', ');
  const exposeEntry = expose ? [['access-control-expose-headers', expose] as const] : [];

  const anyMethod = o.methods === '*';
  const methods = anyMethod ? undefined : new Set(o.methods);
  const anyHeader = o.allowHeaders === '*';
  const headers = anyHeader ? undefined : new Set(o.allowHeaders);
  const reflectMethod = anyMethod && credentials;
  const reflectHeaders = anyHeader && credentials;

  const preflightVary = [
    anyOrigin ? '' : 'Origin',
    reflectMethod ? 'Access-Control-Request-Method' : '',
    reflectHeaders ? 'Access-Control-Request-Headers' : '',
  ]
    .filter(Boolean)
    .join(', ');

  const state: PolicyState = {
    options: o,
    fingerprint: contentKey(o),
    anyOrigin,
    matcher: Array.isArray(o.origins) ? new OriginMatcher(patterns) : undefined,
    predicate: typeof o.origins === 'function' ? o.origins : undefined,
    predicateTimeout: o.predicateTimeout ?? DEFAULT_PREDICATE_TIMEOUT,
    probe,
    credentials,
    anyOriginHeaders: frozenPairs([['access-control-allow-origin', '*'], ...exposeEntry]),
    allowedOriginHeaders: frozenPairs([['vary', 'Origin'], ...(credentials ? [['access-control-allow-credentials', 'true'] as const] : []), ...exposeEntry]),
    methods,
    maxMethodLength: methods ? Math.max(4, ...[...methods].map((m) => m.length)) : MAX_REFLECTED_METHOD_LENGTH,
    allowMethodsValue: reflectMethod ? undefined : anyMethod ? '*' : (o.methods as readonly string[]).join(', ') || undefined,
    headers,
    // A browser lists each allowed name at most once, comma-separated (`a,b`); twice that
    // plus slack leaves room for whitespace and empty list elements a proxy may add.
    maxRequestHeadersLength: headers ? 2 * [...headers].reduce((sum, name) => sum + name.length + 2, 0) + 32 : MAX_REFLECTED_HEADERS_LENGTH,
    allowHeadersValue: reflectHeaders ? undefined : anyHeader ? '*, authorization' : (o.allowHeaders as readonly string[]).join(', ') || undefined,
    maxAgeValue: o.maxAge === undefined ? undefined : String(o.maxAge),
    preflightStatus: o.preflightStatus,
    preflightVary: preflightVary || undefined,
    debug: o.debug,
    onRefusal: o.onRefusal,
  };
  return new CompiledPolicy(Object.freeze(state));
}

// The answers handed to adapters as they are: immutable, so sharing them is safe.
function frozenPairs(pairs: (readonly [string, string])[]): readonly (readonly [string, string])[] {
  return Object.freeze(pairs.map((pair) => Object.freeze([...pair] as const)));
}

/** `true` when a preflight asking for `method` is allowed by the policy's method list. */
export function isMethodAllowed(state: PolicyState, method: string): boolean {
  if (method.length > state.maxMethodLength) return false;
  return state.methods === undefined || SAFELISTED_METHODS.has(method) || state.methods.has(method);
}
