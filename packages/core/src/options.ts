/**
 * The options `createCorsPolicy` accepts. Every option's comment states the exact
 * response header it produces, so that the docs, the code and the tests agree.
 *
 * The type is a union so that the combinations browsers refuse are type errors as
 * well as runtime errors: `origins: '*'` with `credentials: true`, and
 * `exposeHeaders: '*'` with `credentials: true`.
 */
export type CorsOptions = AnyOriginOptions | ListedOriginOptions | CredentialedOptions;

/**
 * Decides whether a syntactically valid, non-`null` origin is allowed. Called only with
 * a serialised origin (`scheme://host[:port]`, at most 326 bytes), never with `null`
 * or junk. Return `true` to allow it. Anything else refuses the origin (fail closed):
 * `false`, a non-boolean answer, a thrown error, a rejected Promise, or a Promise still
 * pending after `predicateTimeout` milliseconds; the last four reach `onRefusal` with
 * the error in `refusal.error`.
 */
export type OriginPredicate = (origin: string, request: Request) => boolean | Promise<boolean>;

/** What a refusal was about: the check of the CORS protocol that failed. */
export type CorsRefusalCheck = 'origin' | 'method' | 'header';

/** Why a request was refused; given to `onRefusal` and, in debug mode, sent as a header. */
export interface CorsRefusal {
  /** Which check failed. */
  readonly check: CorsRefusalCheck;
  /** A sentence for a developer: what the request asked for and what the policy allows. */
  readonly reason: string;
  /** `true` for a preflight (answered 403), `false` for an actual request (no CORS headers). */
  readonly preflight: boolean;
  /** The request's `Origin` header, as sent (`null` when absent). */
  readonly origin: string | null;
  /** The request that was refused. Its body is never read by Corsa. */
  readonly request: Request;
  /**
   * Present when the origins predicate failed rather than answered `false`: what it
   * threw or rejected with, or a TypeError/Error saying it answered something other
   * than a boolean or did not settle within `predicateTimeout`.
   */
  readonly error?: unknown;
}

interface CommonOptions {
  /**
   * Methods a preflight may ask for (`Access-Control-Request-Method`).
   * A successful preflight carries `Access-Control-Allow-Methods: <the list, ", "-joined>`.
   * `'*'` allows any method: the answer is `Access-Control-Allow-Methods: *`, or, with
   * credentials (where browsers read `*` literally), the requested method itself.
   * GET, HEAD and POST are CORS-safelisted: browsers never need permission for them, so
   * a preflight asking for one is always allowed.
   * Names are case-sensitive; DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased
   * (browsers normalise those six), every other method is kept as written.
   * CONNECT, TRACE and TRACK are refused (browsers forbid them).
   * @default ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']
   */
  methods?: '*' | readonly string[];
  /**
   * Request headers a preflight may ask for (`Access-Control-Request-Headers`).
   * With a list, a successful preflight carries `Access-Control-Allow-Headers: <the
   * lower-cased list, ", "-joined>`. `'*'` allows any header: the answer is
   * `Access-Control-Allow-Headers: *, authorization` (browsers do not let `*` cover
   * `Authorization`, so it is named), or, with credentials, the requested list itself.
   * Forbidden request headers (`Cookie`, `Host`, `Sec-*`, …) are refused: browsers never
   * let a script send them.
   * @default '*'
   */
  allowHeaders?: '*' | readonly string[];
  /**
   * Seconds a browser may cache a successful preflight:
   * `Access-Control-Max-Age: <maxAge>`. An integer from 0 to 86400. Browsers cap it
   * (Chromium at 7200, Firefox at 86400).
   * @default undefined (header omitted; browsers then cache for 5 seconds)
   */
  maxAge?: number;
  /**
   * Status of a successful preflight: 200 or 204. The body is always empty.
   * @default 204
   */
  preflightStatus?: 200 | 204;
  /**
   * Refusals explain themselves in a `Corsa-Refusal: <reason>` response header, visible
   * in the browser's network panel. Off by default, because the reason discloses the
   * policy (which origins, methods and headers are allowed).
   * @default false
   */
  debug?: boolean;
  /**
   * Called with every refusal (in debug mode or not), for logs and metrics. It runs
   * synchronously inside `evaluateCors`; an error it throws propagates.
   */
  onRefusal?: (refusal: CorsRefusal) => void;
}

/** `origins: '*'`: any origin may read responses, without credentials. */
export interface AnyOriginOptions extends CommonOptions {
  /**
   * Which origins may read responses.
   * `'*'`: every response carries `Access-Control-Allow-Origin: *` and no `Vary: Origin`.
   */
  origins: '*';
  /** Browsers refuse credentials with `Access-Control-Allow-Origin: *`; list origins instead. */
  credentials?: false;
  /**
   * Response headers scripts may read: `Access-Control-Expose-Headers: <list>` on actual
   * responses, or `*` for every header.
   * @default undefined (header omitted)
   */
  exposeHeaders?: '*' | readonly string[];
  /** @deprecated Retired: see {@link ListedOriginOptions.privateNetwork}. */
  privateNetwork?: never;
}

/** A list of origin patterns or a predicate, without credentials. */
export interface ListedOriginOptions extends CommonOptions {
  /**
   * Which origins may read responses: a list of origin patterns or a predicate.
   * An allowed origin gets `Access-Control-Allow-Origin: <the request's Origin>`
   * (byte-identical); every non-preflight response carries `Vary: Origin`.
   * Patterns: `https://app.example.com` (exact), `https://*.example.com` (one or more
   * labels below example.com, not example.com itself), `http://localhost:*` (any port).
   */
  origins: readonly string[] | OriginPredicate;
  /**
   * `true` adds `Access-Control-Allow-Credentials: true` next to an allowed origin, on
   * preflights and actual responses, so browsers send and accept cookies.
   * @default false
   */
  credentials?: false;
  /**
   * Response headers scripts may read: `Access-Control-Expose-Headers: <list>` on actual
   * responses to allowed origins, or `*` for every header (without credentials only).
   * @default undefined (header omitted)
   */
  exposeHeaders?: '*' | readonly string[];
  /**
   * @deprecated Retired: passing it is a configuration error. Chrome put Private Network
   * Access preflights on hold in 2024 and replaced them with Local Network Access in
   * Chrome 142: the browser asks the user for permission, and no server header
   * (`Access-Control-Allow-Private-Network`) takes part. Produces no header.
   */
  privateNetwork?: never;
  /**
   * With an origins predicate that returns a Promise: how many milliseconds Corsa waits
   * for it. A Promise still pending then refuses the origin (preflight `403` with no
   * `Access-Control-*` header; actual response with only `Vary: Origin`) and is reported
   * to `onRefusal`. A whole number from 1 to 60000. Produces no header of its own.
   * @default 5000
   */
  predicateTimeout?: number;
  /**
   * Allow `http:` origins other than localhost/loopback together with credentials.
   * Off by default: anyone on the network path can impersonate an `http:` origin.
   * @default false
   */
  dangerouslyAllowInsecureOrigins?: boolean;
}

/** A list of origin patterns or a predicate, with credentials. */
export interface CredentialedOptions extends Omit<ListedOriginOptions, 'credentials' | 'exposeHeaders'> {
  /** `Access-Control-Allow-Credentials: true` next to every allowed, reflected origin. */
  credentials: true;
  /**
   * Response headers scripts may read: `Access-Control-Expose-Headers: <list>`.
   * `'*'` is read literally by browsers when credentials are included, so it is refused.
   * @default undefined (header omitted)
   */
  exposeHeaders?: readonly string[];
}

/** The options as a policy holds them: validated, normalised, frozen. */
export interface NormalizedCorsOptions {
  readonly origins: '*' | readonly string[] | OriginPredicate;
  readonly credentials: boolean;
  readonly methods: '*' | readonly string[];
  readonly allowHeaders: '*' | readonly string[];
  readonly exposeHeaders: '*' | readonly string[];
  readonly maxAge: number | undefined;
  readonly preflightStatus: 200 | 204;
  readonly debug: boolean;
  /** Milliseconds an async predicate may take: set with a predicate (default 5000), undefined otherwise. */
  readonly predicateTimeout: number | undefined;
  readonly dangerouslyAllowInsecureOrigins: boolean;
  readonly onRefusal: ((refusal: CorsRefusal) => void) | undefined;
}

/**
 * Whether a policy built from options `O` may answer with a Promise: `false` for `'*'`,
 * lists and predicates declared to return `boolean`; `true` for a predicate that may
 * return a Promise; `boolean` (maybe) when the type does not say which (options built at
 * run time, e.g. by `corsOptionsFromEnv` with a predicate in its base).
 */
export type IsAsyncOptions<O> = O extends { origins: infer Origins } ? IsAsyncOrigins<Origins> : boolean;

type IsAsyncOrigins<T> = T extends (...args: never[]) => infer R ? ([R] extends [boolean] ? false : true) : false;
