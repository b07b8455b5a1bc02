import { describeValue, IssueList } from './errors.js';
import { DEFAULT_METHODS, FORBIDDEN_METHODS, isForbiddenRequestHeader, NORMALISED_METHODS, UNEXPOSABLE_RESPONSE_HEADERS } from './header-rules.js';
import { type ElementCheck, readList } from './lists.js';
import { nearestName } from './near-names.js';
import { KNOWN_OPTIONS, OTHER_LIBRARIES_NAMES } from './option-names.js';
import type { NormalizedCorsOptions, OriginPredicate } from './options.js';
import { checkOriginPattern, type OriginPattern } from './origin-patterns.js';
import { alwaysTrueMessage, type PredicateProbe, probePredicate, probeThrewMessage } from './predicate-probe.js';
import { isToken } from './syntax.js';

/** Validated options plus what the compiler builds from: the parsed patterns, the predicate's probe. */
export interface ValidatedOptions {
  readonly options: NormalizedCorsOptions;
  readonly patterns: readonly OriginPattern[];
  /** With credentials and a predicate: whether it was shown to allow every origin (see predicate-probe.ts). */
  readonly probe: PredicateProbe | undefined;
}

const KNOWN = new Set<string>(KNOWN_OPTIONS);
const OTHER_NAMES: Readonly<Record<string, string>> = OTHER_LIBRARIES_NAMES;

/** Options that existed once, with what replaced them. */
const RETIRED_OPTIONS: Record<string, string> = {
  privateNetwork:
    "Private Network Access preflights are gone: Chrome put them on hold in 2024 and shipped Local Network Access in Chrome 142, where the browser asks the user for permission and no server header is involved (Access-Control-Allow-Private-Network is ignored). Remove the option; a public page calling a local address now needs the user to allow 'local network access' in the browser's prompt.",
};
RETIRED_OPTIONS.allowPrivateNetwork = RETIRED_OPTIONS.privateNetwork as string;

/** Checks every option, collecting every problem, and returns the normalised options. */
export function validateOptions(input: unknown): ValidatedOptions {
  const issues = new IssueList();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.add('options', 'options-not-object', `expected an options object such as { origins: ['https://app.example.com'] }, got ${describeValue(input)}.`);
    issues.throwIfAny();
  }
  const raw = ownProperties(input as object, issues);
  for (const key of Object.keys(raw)) {
    if (KNOWN.has(key)) continue;
    const retired = Object.hasOwn(RETIRED_OPTIONS, key) ? RETIRED_OPTIONS[key] : undefined;
    if (retired !== undefined) {
      issues.add(key, 'retired-option', `'${key}' is retired. ${retired}`);
      continue;
    }
    const ours = Object.hasOwn(OTHER_NAMES, key) ? OTHER_NAMES[key] : undefined;
    const near = ours === undefined ? nearestName(key, KNOWN_OPTIONS) : undefined;
    issues.add(
      key,
      'unknown-option',
      ours
        ? `unknown option '${key}'; Corsa calls it '${ours}'.`
        : near
          ? `unknown option '${key}'; did you mean '${near}'?`
          : `unknown option '${key}'; the options are ${KNOWN_OPTIONS.join(', ')}.`,
    );
  }

  const credentials = readBoolean(raw, 'credentials', issues);
  const allowInsecure = readBoolean(raw, 'dangerouslyAllowInsecureOrigins', issues);
  const predicateTimeout = readPredicateTimeout(raw.predicateTimeout, typeof raw.origins === 'function', issues);
  const { origins, patterns, probe } = readOrigins(raw.origins, credentials, allowInsecure, predicateTimeout, issues);
  const exposeHeaders = readHeaderList(raw.exposeHeaders, 'exposeHeaders', [], credentials, issues);
  if (exposeHeaders === '*' && credentials) {
    issues.add(
      'exposeHeaders',
      'wildcard-expose-with-credentials',
      "with credentials browsers read 'Access-Control-Expose-Headers: *' as a header literally named '*', exposing nothing; list the headers scripts need, e.g. ['X-Request-Id'].",
    );
  }
  const options: NormalizedCorsOptions = {
    origins,
    credentials,
    methods: readMethods(raw.methods, issues),
    allowHeaders: readHeaderList(raw.allowHeaders, 'allowHeaders', '*', credentials, issues),
    exposeHeaders,
    maxAge: readMaxAge(raw.maxAge, issues),
    preflightStatus: readPreflightStatus(raw.preflightStatus, issues),
    debug: readBoolean(raw, 'debug', issues),
    predicateTimeout,
    dangerouslyAllowInsecureOrigins: allowInsecure,
    onRefusal: readHook(raw.onRefusal, 'onRefusal', '(refusal) => void', issues),
    onError: readHook(raw.onError, 'onError', '(error, request) => Response', issues),
  };
  issues.throwIfAny();
  return { options: deepFreeze(options), patterns, probe };
}

/**
 * The options' own enumerable properties, in a prototype-less object: an option
 * inherited from a polluted `Object.prototype` is never read. An option inherited from
 * any other prototype (`Object.create(defaults)`, a class instance) is reported, since
 * it would otherwise be silently ignored.
 */
function ownProperties(input: object, issues: IssueList): Record<string, unknown> {
  const raw: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(input)) raw[key] = (input as Record<string, unknown>)[key];
  // Walk the prototypes below the realm's Object.prototype (the one whose prototype is null).
  for (let proto = Object.getPrototypeOf(input); proto !== null && Object.getPrototypeOf(proto) !== null; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (KNOWN.has(key) && !(key in raw)) {
        issues.add(
          key,
          'inherited-option',
          `'${key}' is inherited from the options object's prototype, and Corsa reads only an object's own properties; spread the defaults into a plain object: { ...defaults, ${key}: … }.`,
        );
      }
    }
  }
  return raw;
}

function readOrigins(
  value: unknown,
  credentials: boolean,
  allowInsecure: boolean,
  predicateTimeout: number | undefined,
  issues: IssueList,
): { origins: NormalizedCorsOptions['origins']; patterns: OriginPattern[]; probe: PredicateProbe | undefined } {
  const none = { origins: [] as string[], patterns: [], probe: undefined };
  if (value === undefined) {
    issues.add(
      'origins',
      'origins-required',
      "say which origins may call this API: origins: ['https://app.example.com'], a predicate (origin) => boolean, or '*' for any origin without credentials.",
    );
    return none;
  }
  if (value === '*') {
    if (credentials) {
      issues.add(
        'origins',
        'wildcard-origin-with-credentials',
        "browsers refuse credentialed responses that carry 'Access-Control-Allow-Origin: *' (and reflecting every origin instead would let any site read your users' data); list the origins that need cookies: origins: ['https://app.example.com'].",
      );
    }
    return { origins: '*', patterns: [], probe: undefined };
  }
  if (typeof value === 'function') {
    const predicate = value as OriginPredicate;
    const probe = credentials ? probePredicate(predicate, predicateTimeout) : undefined;
    if (probe?.status === 'always-true') issues.add('origins', 'always-true-predicate-with-credentials', alwaysTrueMessage(probe.allowed));
    if (probe?.status === 'threw') {
      issues.add('origins', 'predicate-threw-on-probe', probeThrewMessage(probe.origin, probe.error));
      return { origins: predicate, patterns: [], probe: undefined };
    }
    return { origins: predicate, patterns: [], probe };
  }
  if (value === true || value === 'true') {
    issues.add(
      'origins',
      'origins-invalid',
      `origins: ${describeValue(value)} is not supported (other libraries read it as "reflect any origin"); use '*' without credentials, or list the origins.`,
    );
    return none;
  }
  if (typeof value !== 'string' && !Array.isArray(value)) {
    issues.add(
      'origins',
      'origins-invalid',
      `expected '*', a list of origin patterns or a predicate, got ${describeValue(value)}; for patterns use 'https://*.example.com' rather than a RegExp.`,
    );
    return none;
  }
  if (Array.isArray(value) && value.length === 0) {
    issues.add(
      'origins',
      'origins-empty',
      "the list is empty, so no cross-origin request would ever be allowed; list at least one origin, e.g. ['https://app.example.com'].",
    );
    return none;
  }
  const context = { credentials, allowInsecure };
  const content = readList(
    value,
    {
      path: 'origins',
      example: "e.g. origins: ['https://app.example.com']",
      check: (item) => checkOriginPattern(item, context),
      wildcardCode: 'wildcard-origin-in-list',
      wildcardMessage: credentials
        ? "'*' allows every origin, and browsers refuse credentials with 'Access-Control-Allow-Origin: *'; list the origins that need cookies instead."
        : "'*' cannot stand inside a list; to allow every origin write origins: '*' (not ['*']).",
      wildcardFix: credentials ? undefined : '*',
      minLength: 1,
    },
    issues,
  );
  return { origins: content.values, patterns: content.extras, probe: undefined };
}

function readMethods(value: unknown, issues: IssueList): '*' | readonly string[] {
  if (value === undefined) return DEFAULT_METHODS;
  if (value === '*') return '*';
  return readList(
    value,
    {
      path: 'methods',
      example: "e.g. methods: ['GET', 'POST', 'PUT'], or '*' for any method",
      check: checkMethod,
      wildcardCode: 'wildcard-in-method-list',
      wildcardMessage:
        "'*' inside a list is a method literally named '*', yet browsers read 'Access-Control-Allow-Methods: …, *' as any method; write methods: '*' for any method, or list the methods.",
      wildcardFix: '*',
    },
    issues,
  ).values;
}

function checkMethod(method: string): ElementCheck<undefined> {
  const upper = method.toUpperCase();
  if (!isToken(method)) {
    return {
      problems: [{ code: 'invalid-method', message: `'${method}' is not a valid method name (letters, digits and !#$%&'*+-.^_\`|~ only).` }],
      replacement: undefined,
    };
  }
  if (FORBIDDEN_METHODS.has(upper)) {
    return {
      problems: [{ code: 'forbidden-method', message: `browsers never let a script send ${upper}, so allowing it only widens the attack surface; remove it.` }],
      replacement: [],
    };
  }
  return { value: NORMALISED_METHODS.has(upper) ? upper : method, extra: undefined };
}

function readHeaderList(
  value: unknown,
  key: 'allowHeaders' | 'exposeHeaders',
  fallback: '*' | readonly string[],
  credentials: boolean,
  issues: IssueList,
): '*' | readonly string[] {
  if (value === undefined) return fallback;
  if (value === '*') return '*';
  const wildcardAllowed = key === 'allowHeaders' || !credentials;
  return readList(
    value,
    {
      path: key,
      example: `e.g. ${key}: ['Content-Type', 'Authorization'], or '*'`,
      check: (name) => checkHeaderName(key, name),
      wildcardCode: 'wildcard-in-header-list',
      wildcardMessage: wildcardAllowed
        ? `'*' inside a list is read as a header named '*'; write ${key}: '*' (not ['*']).`
        : "with credentials browsers read '*' in Access-Control-Expose-Headers as a header literally named '*'; list the headers scripts need instead.",
      wildcardFix: wildcardAllowed ? '*' : undefined,
    },
    issues,
  ).values;
}

function checkHeaderName(key: 'allowHeaders' | 'exposeHeaders', name: string): ElementCheck<undefined> {
  const lower = name.toLowerCase();
  const refuse = (code: string, message: string, replacement: readonly string[] | undefined = []) => ({ problems: [{ code, message }], replacement });
  if (!isToken(name)) return refuse('invalid-header-name', `'${name}' is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only).`, undefined);
  if (lower.startsWith('access-control-')) {
    return refuse(
      'cors-header-in-list',
      key === 'allowHeaders'
        ? `'${name}' is a CORS protocol header, never one a script sends: Corsa writes the Access-Control-Allow-* answers itself, and browsers add Access-Control-Request-* to preflights; remove it.`
        : `'${name}' is a CORS protocol header, not one your scripts need to read; remove it.`,
    );
  }
  if (key === 'allowHeaders' && isForbiddenRequestHeader(lower)) {
    return refuse(
      'forbidden-header',
      `browsers never let a script send '${name}' (a forbidden request header), so it never appears in a preflight; remove it.`,
    );
  }
  if (key === 'exposeHeaders' && UNEXPOSABLE_RESPONSE_HEADERS.has(lower)) {
    return refuse('unexposable-header', `browsers never expose '${name}' to scripts, whatever the server says; remove it.`);
  }
  if (key === 'exposeHeaders' && lower === 'origin') {
    return refuse('request-header-in-expose', "'Origin' is a request header, never part of a response; remove it.");
  }
  return { value: lower, extra: undefined };
}

function readBoolean(raw: Record<string, unknown>, key: string, issues: IssueList): boolean {
  const value = raw[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    issues.add(key, 'not-a-boolean', `expected true or false, got ${describeValue(value)}.`);
    return false;
  }
  return value;
}

function readMaxAge(value: unknown, issues: IssueList): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 86400) {
    issues.add(
      'maxAge',
      'invalid-max-age',
      `expected a whole number of seconds from 0 to 86400 (a day; Chromium caps it at 7200), got ${describeValue(value)}.`,
      typeof value === 'number' && Number.isFinite(value) ? { path: 'maxAge', value: Math.min(86400, Math.max(0, Math.round(value))) } : undefined,
    );
    return undefined;
  }
  return value;
}

function readPreflightStatus(value: unknown, issues: IssueList): 200 | 204 {
  if (value === undefined) return 204;
  if (value === 200 || value === 204) return value;
  issues.add('preflightStatus', 'invalid-preflight-status', `expected 200 or 204 (an ok status with no body), got ${describeValue(value)}.`);
  return 204;
}

// The timeout in effect: the default for a predicate, undefined (normalised away) for a list or '*'.
function readPredicateTimeout(value: unknown, hasPredicate: boolean, issues: IssueList): number | undefined {
  if (value === undefined) return hasPredicate ? DEFAULT_PREDICATE_TIMEOUT : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 60_000) {
    issues.add('predicateTimeout', 'invalid-predicate-timeout', `expected a whole number of milliseconds from 1 to 60000, got ${describeValue(value)}.`);
    return DEFAULT_PREDICATE_TIMEOUT;
  }
  if (!hasPredicate) {
    issues.add(
      'predicateTimeout',
      'predicate-timeout-without-predicate',
      'predicateTimeout only applies to an origins predicate (a function); remove it, or make origins a predicate.',
    );
  }
  return value;
}

/** How long an async origins predicate may take by default, in milliseconds. */
export const DEFAULT_PREDICATE_TIMEOUT = 5000;

function readHook<Hook>(value: unknown, name: string, shape: string, issues: IssueList): Hook | undefined {
  if (value === undefined || typeof value === 'function') return value as Hook | undefined;
  issues.add(name, 'not-a-function', `expected a function ${shape}, got ${describeValue(value)}.`);
  return undefined;
}

function deepFreeze<T extends object>(object: T): T {
  for (const value of Object.values(object)) {
    if (Array.isArray(value)) Object.freeze(value);
  }
  return Object.freeze(object);
}
