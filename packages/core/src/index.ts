export { applyCors, applyCorsList, isCorsHeaderName, mergeVary } from './apply.js';
export { keepAliveWith } from './background.js';
export { type CachedOrigins, type CachedOriginsOptions, cachedOrigins, type OriginLookup, OriginLookupError } from './cached-origins.js';
export { CORS_ENV_VARIABLES, corsOptionsFromEnv } from './env.js';
export { CorsConfigError, type CorsConfigIssue } from './errors.js';
export {
  type CorsAnswer,
  type CorsHeaderList,
  type CorsHeaderReader,
  type CorsResult,
  evaluateCors,
  evaluateCorsFrom,
  readRequestHeader,
} from './evaluate.js';
export { handlerMembers } from './handler-members.js';
export { answerOnce, claimRequest, newLayer, releaseRequest } from './layers.js';
export { type LivePolicy, livePolicy } from './live-policy.js';
export type { KnownOption, UnknownOptionMessage } from './option-names.js';
export type {
  CheckedCorsOptions,
  CorsOptions,
  CorsRefusal,
  CorsRefusalCheck,
  IsAsyncOptions,
  NormalizedCorsOptions,
  OriginPredicate,
  WildcardExposeWithCredentials,
  WildcardOriginWithCredentials,
} from './options.js';
export { type CorsPolicy, createCorsPolicy, isCorsPolicy } from './policy.js';
export { type CheckedPolicySource, type PolicyFactory, type PolicySource, policyResolver, toPolicy } from './policy-source.js';
export { REFUSAL_HEADER } from './refusal.js';
export { fetchRequestOf, type LazyRequest, type RequestRef } from './request-ref.js';
export { MAX_ORIGIN_LENGTH } from './syntax.js';
export { errorResponse, type FetchHandler, respondWithCors, withCors } from './with-cors.js';
