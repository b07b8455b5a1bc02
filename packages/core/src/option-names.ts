// The option names Corsa knows, the names other CORS libraries use for them, and the
// messages for a name Corsa does not know — one list for the run-time check (validate.ts)
// and the compile-time one (`CheckedCorsOptions`), so that both name the same fix.
import type { CorsOptions } from './options.js';

/** Every option `CorsOptions` declares, except the retired `privateNetwork`. */
export const KNOWN_OPTIONS = [
  'origins',
  'credentials',
  'methods',
  'allowHeaders',
  'exposeHeaders',
  'maxAge',
  'preflightStatus',
  'debug',
  'onRefusal',
  'onError',
  'predicateTimeout',
  'dangerouslyAllowInsecureOrigins',
] as const;

/** Names other CORS libraries use (hono/cors, Express cors, Starlette), mapped to ours. */
export const OTHER_LIBRARIES_NAMES = {
  origin: 'origins',
  allowOrigins: 'origins',
  allowedOrigins: 'origins',
  allow_origins: 'origins',
  allowCredentials: 'credentials',
  allow_credentials: 'credentials',
  allowMethods: 'methods',
  allowedMethods: 'methods',
  allow_methods: 'methods',
  allowedHeaders: 'allowHeaders',
  allow_headers: 'allowHeaders',
  exposedHeaders: 'exposeHeaders',
  expose_headers: 'exposeHeaders',
  max_age: 'maxAge',
  maxage: 'maxAge',
  optionsSuccessStatus: 'preflightStatus',
} as const satisfies Record<string, KnownOption>;

/** An option name Corsa knows. */
export type KnownOption = (typeof KNOWN_OPTIONS)[number];

type OtherLibrariesNames = typeof OTHER_LIBRARIES_NAMES;

// The compile-time "did you mean": another library's name, the same letters in another
// case (`maxage`), or a missing or extra final s (`credential`). The run-time check also
// finds names two edits away; those stay a start-up error.
type SameLetters<K extends string> = { [N in KnownOption]: Lowercase<N> extends Lowercase<K> ? N : never }[KnownOption];
type OtherNumber<K extends string> = `${K}s` extends KnownOption ? `${K}s` : K extends `${infer Singular}s` ? Extract<Singular, KnownOption> : never;
type NearOption<K extends string> = K extends keyof OtherLibrariesNames
  ? OtherLibrariesNames[K]
  : [SameLetters<K>] extends [never]
    ? OtherNumber<K>
    : SameLetters<K>;

/**
 * What TypeScript prints for an option Corsa does not know, as the start-up error words
 * it: "✗ unknown option 'allowMethods'; Corsa calls it 'methods'.", "✗ unknown option
 * 'credential'; did you mean 'credentials'?", or the list of options.
 */
export type UnknownOptionMessage<K extends string> = K extends keyof OtherLibrariesNames
  ? `✗ unknown option '${K}'; Corsa calls it '${OtherLibrariesNames[K]}'.`
  : [NearOption<K>] extends [never]
    ? `✗ unknown option '${K}'; the options are ${OptionList}.`
    : `✗ unknown option '${K}'; did you mean '${NearOption<K>}'?`;

/** The keys of `O` that are not options (retired ones are options: their own type refuses them). */
export type UnknownKeys<O> = Exclude<keyof O, keyof CorsOptions>;

type Joined<T extends readonly string[]> = T extends readonly [infer First extends string, ...infer Rest extends readonly string[]]
  ? Rest extends readonly []
    ? First
    : `${First}, ${Joined<Rest>}`
  : never;
/** `KNOWN_OPTIONS.join(', ')`, as the start-up error lists them. */
type OptionList = Joined<typeof KNOWN_OPTIONS>;
