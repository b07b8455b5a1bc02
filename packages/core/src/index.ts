export { applyCors, mergeVary } from './apply.js';
export { CORS_ENV_VARIABLES, corsOptionsFromEnv } from './env.js';
export { CorsConfigError, type CorsConfigIssue } from './errors.js';
export { type CorsAnswer, type CorsResult, evaluateCors } from './evaluate.js';
export { handlerMembers } from './handler-members.js';
export { claimRequest, releaseRequest } from './layers.js';
export type {
  AnyOriginOptions,
  CorsOptions,
  CorsRefusal,
  CorsRefusalCheck,
  CredentialedOptions,
  IsAsyncOptions,
  ListedOriginOptions,
  NormalizedCorsOptions,
  OriginPredicate,
} from './options.js';
export { type CorsPolicy, createCorsPolicy, isCorsPolicy } from './policy.js';
export { type PolicySource, policyResolver, toPolicy } from './policy-source.js';
export { REFUSAL_HEADER } from './refusal.js';
export { MAX_ORIGIN_LENGTH } from './syntax.js';
export { type FetchHandler, withCors } from './with-cors.js';
