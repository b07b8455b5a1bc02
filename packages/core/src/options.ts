import type { UnknownKeys, UnknownOptionMessage } from './option-names.js';
import type { CorsPolicy } from './policy.js';

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
   * Called with every refusal (in debug mode or not), for logs and metrics. Produces no
   * header. It runs synchronously inside `evaluateCors` and is not awaited; an error it
   * throws, or a rejection of the Promise it returns, is logged with `console.error` and
   * changes nothing: the answer stays the refusal, and the server keeps running.
   */
  onRefusal?: (refusal: CorsRefusal) => unknown;
  /**
   * The response for a request whose handler threw or rejected, where Corsa runs the
   * handler (`withCors` in @corsa/core, @corsa/workers, @corsa/deno, @corsa/bun). That
   * response gets the CORS answer like any other (`Access-Control-Allow-Origin`,
   * `-Credentials`, `-Expose-Headers`, `Vary: Origin`), so the page sees the real status
   * instead of a CORS failure. Without it: `500 Internal Server Error` (text/plain), and
   * the error is logged with `console.error`, stack included, as the runtime logs an
   * uncaught error. If `onError` itself throws, both errors are logged and the 500 is sent.
   * @default undefined (a 500, the error logged)
   */
  onError?: (error: unknown, request: Request) => Response | Promise<Response>;
}

/**
 * The options `createCorsPolicy` and every adapter accept. Every option's comment states
 * the exact response header it produces, so that the docs, the code and the tests agree.
 *
 * The combinations browsers refuse — `origins: '*'` with `credentials: true`, and
 * `exposeHeaders: '*'` with `credentials: true` — are refused at start-up with a
 * `CorsConfigError`, and already by the compiler when the options' types show them
 * (see `CheckedCorsOptions`). One interface rather than a union, so that a shared base
 * (`const base: CorsOptions = {…}`) can be spread and extended.
 */
export interface CorsOptions extends CommonOptions {
  /**
   * Which origins may read responses.
   * `'*'`: every response carries `Access-Control-Allow-Origin: *` and no `Vary: Origin`
   * (not with credentials: browsers refuse it).
   * A list of origin patterns or a predicate: an allowed origin gets
   * `Access-Control-Allow-Origin: <the request's Origin>` (byte-identical); every
   * non-preflight response carries `Vary: Origin`.
   * Patterns: `https://app.example.com` (exact), `https://*.example.com` (one or more
   * labels below example.com, not example.com itself), `http://localhost:*` (any port).
   */
  origins: '*' | readonly string[] | OriginPredicate;
  /**
   * `true` adds `Access-Control-Allow-Credentials: true` next to an allowed, reflected
   * origin, on preflights and actual responses, so browsers send and accept cookies.
   * Needs listed origins or a predicate: browsers refuse credentials with `*`.
   * @default false
   */
  credentials?: boolean;
  /**
   * Response headers scripts may read: `Access-Control-Expose-Headers: <list>` on actual
   * responses to allowed origins, or `*` for every header (without credentials only:
   * with credentials browsers read `*` literally).
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

/** What TypeScript prints for `origins: '*'` with `credentials: true`: the fix. */
export type WildcardOriginWithCredentials =
  "✗ origins: '*' cannot be combined with credentials: true (browsers refuse it). List the origins instead, e.g. origins: ['https://app.example.com']";

/** What TypeScript prints for `exposeHeaders: '*'` with `credentials: true`: the fix. */
export type WildcardExposeWithCredentials =
  "✗ exposeHeaders: '*' is read literally by browsers when credentials are on. List the headers instead, e.g. exposeHeaders: ['x-request-id']";

/**
 * What `createCorsPolicy` and every adapter take where options may be written in place:
 * `CorsOptions` itself when nothing is wrong (so that an editor shows each option's
 * documentation on hover and completion; TypeScript 7 reads it only from a single
 * declaration), or, when the types of `O` show a mistake, `O` with the offending option's
 * type replaced by a sentence that names the fix. That sentence is then the whole error
 * TypeScript reports, for example
 * "Type 'true' is not assignable to type '✗ origins: '*' cannot be combined with …'":
 *
 * - an option Corsa does not know: `UnknownOptionMessage` ("did you mean 'credentials'?");
 * - `origins: '*'` with `credentials: true`: `WildcardOriginWithCredentials`;
 * - `exposeHeaders: '*'` with `credentials: true`: `WildcardExposeWithCredentials`.
 *
 * A policy passes as it is. Options whose types do not say (a base typed `CorsOptions`,
 * options built at run time) pass, and `createCorsPolicy` checks them at start-up. A
 * union of option objects is checked member by member (the type distributes over `O`).
 * `O` is inferred from the argument through the first branch (`O extends CorsPolicy ? O`).
 */
export type CheckedCorsOptions<O> = O extends CorsPolicy
  ? O
  : [UnknownKeys<O>] extends [never]
    ? [O] extends [{ origins: '*'; credentials: true }]
      ? Omit<O, 'credentials'> & { credentials: WildcardOriginWithCredentials }
      : [O] extends [{ credentials: true; exposeHeaders: '*' }]
        ? Omit<O, 'exposeHeaders'> & { exposeHeaders: WildcardExposeWithCredentials }
        : CorsOptions
    : Omit<O, UnknownKeys<O>> & { [K in UnknownKeys<O> & string]: UnknownOptionMessage<K> };

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
  readonly onRefusal: ((refusal: CorsRefusal) => unknown) | undefined;
  readonly onError: ((error: unknown, request: Request) => Response | Promise<Response>) | undefined;
}

/**
 * Whether a policy built from options `O` may answer with a Promise: `false` for `'*'`,
 * lists and predicates declared to return `boolean`; `true` for a predicate that may
 * return a Promise; `boolean` (maybe) when the type does not say which (options built at
 * run time, e.g. by `corsOptionsFromEnv` with a predicate in its base).
 */
export type IsAsyncOptions<O> = O extends { origins: infer Origins } ? IsAsyncOrigins<Origins> : boolean;

type IsAsyncOrigins<T> = T extends (...args: never[]) => infer R ? ([R] extends [boolean] ? false : true) : false;
