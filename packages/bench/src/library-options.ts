// The benchmark's policy expressed in each library's own options, shared by the core,
// Hono and server levels.
import { BIG_EXACT, BIG_POLICY, BIG_WILDCARD_BASES, ONE_WILDCARD_POLICY, POLICY, type PolicyName } from './cases.js';

// The big policy's wildcard part, as users of RegExp-based libraries write it.
export const bigRegExps = BIG_WILDCARD_BASES.map((base) => new RegExp(`^https://[a-z0-9.-]+\\.${base.replace('.', '\\.')}$`));
const bigExactSet = new Set(BIG_EXACT);
const bigAllows = (origin: string) => bigExactSet.has(origin) || bigRegExps.some((r) => r.test(origin));
export const smallOrigins = [...POLICY.origins];
export const oneRegExp = bigRegExps[99]!;
/** The policy's origins as a predicate returning the origin (hono/cors, itty-router). */
export const originFunction = (which: PolicyName) => (origin: string) => ((which === 'big' ? bigAllows(origin) : oneRegExp.test(origin)) ? origin : undefined);

/** The policy in Corsa's options. */
export const corsaPolicy = (which: PolicyName) => (which === 'small' ? POLICY : which === 'big' ? BIG_POLICY : ONE_WILDCARD_POLICY);

/** The same policy in hono/cors's options. */
export const honoCorsOptions = (which: PolicyName) => ({
  origin: which === 'small' ? smallOrigins : (origin: string) => originFunction(which)(origin) ?? null,
  credentials: true,
  allowMethods: [...POLICY.methods],
  allowHeaders: [...POLICY.allowHeaders],
  exposeHeaders: [...POLICY.exposeHeaders],
  maxAge: POLICY.maxAge,
});

/** The same policy as environment variables (what `cors((c) => corsOptionsFromEnv(c.env))` reads on Workers). */
export const corsaEnv = (which: PolicyName) => {
  const policy = corsaPolicy(which);
  return {
    CORS_ORIGINS: policy.origins.join(','),
    CORS_CREDENTIALS: String(policy.credentials),
    CORS_METHODS: policy.methods.join(','),
    CORS_ALLOW_HEADERS: policy.allowHeaders.join(','),
    CORS_EXPOSE_HEADERS: policy.exposeHeaders.join(','),
    CORS_MAX_AGE: String(policy.maxAge),
  };
};

/** The small policy in Express `cors`'s options (and `@fastify/cors`'s, which are the same). */
export const expressCorsOptions = () => ({
  origin: smallOrigins,
  credentials: true,
  methods: [...POLICY.methods],
  allowedHeaders: [...POLICY.allowHeaders],
  exposedHeaders: [...POLICY.exposeHeaders],
  maxAge: POLICY.maxAge,
});
