import { IssueList } from './errors.js';
import { DEFAULT_METHODS, FORBIDDEN_METHODS, isForbiddenRequestHeader, NORMALISED_METHODS, UNEXPOSABLE_RESPONSE_HEADERS } from './header-rules.js';
import type { CorsRefusal, NormalizedCorsOptions, OriginPredicate } from './options.js';
import { describeValue, parseOriginPattern } from './origin-patterns.js';
import { isToken } from './syntax.js';

type OriginPatterns = NonNullable<ReturnType<typeof parseOriginPattern>>[];

/** Validated options plus the parsed origin patterns the matcher is built from. */
export interface ValidatedOptions {
  readonly options: NormalizedCorsOptions;
  readonly patterns: OriginPatterns;
}

const KNOWN_OPTIONS = new Set([
  'origins',
  'credentials',
  'methods',
  'allowHeaders',
  'exposeHeaders',
  'maxAge',
  'privateNetwork',
  'preflightStatus',
  'debug',
  'onRefusal',
  'predicateTimeout',
  'dangerouslyAllowInsecureOrigins',
]);

// Names other CORS libraries use (hono/cors, Express cors, Starlette), mapped to ours.
const OTHER_LIBRARIES_NAMES: Record<string, string> = {
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
  allowPrivateNetwork: 'privateNetwork',
};

const ALWAYS_TRUE_SOURCE = /^(?:async)?(?:\(\w*\)|\w+)=>(?:true|!0|\(?true\)?)$|^(?:async)?function\w*\(\w*\)\{return(?:true|!0);?\}$/;

/** Checks every option, collecting every problem, and returns the normalised options. */
export function validateOptions(input: unknown): ValidatedOptions {
  const issues = new IssueList();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.add('options', 'options-not-object', `expected an options object such as { origins: ['https://app.example.com'] }, got ${describeValue(input)}.`);
    issues.throwIfAny();
  }
  const raw = ownProperties(input as object, issues);
  for (const key of Object.keys(raw)) {
    if (KNOWN_OPTIONS.has(key)) continue;
    const ours = OTHER_LIBRARIES_NAMES[key];
    issues.add(
      key,
      'unknown-option',
      ours ? `unknown option '${key}'; Corsa calls it '${ours}'.` : `unknown option '${key}'; the options are ${[...KNOWN_OPTIONS].join(', ')}.`,
    );
  }

  const credentials = readBoolean(raw, 'credentials', issues);
  const allowInsecure = readBoolean(raw, 'dangerouslyAllowInsecureOrigins', issues);
  const { origins, patterns } = readOrigins(raw.origins, credentials, allowInsecure, issues);
  const privateNetwork = readBoolean(raw, 'privateNetwork', issues);
  if (privateNetwork && origins === '*') {
    issues.add(
      'privateNetwork',
      'private-network-with-any-origin',
      "private network access lets public sites reach devices on the user's network; with origins: '*' any site could, so list the origins that may (or turn privateNetwork off).",
    );
  }
  const exposeHeaders = readHeaderList(raw, 'exposeHeaders', [], issues);
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
    allowHeaders: readHeaderList(raw, 'allowHeaders', '*', issues),
    exposeHeaders,
    maxAge: readMaxAge(raw.maxAge, issues),
    privateNetwork,
    preflightStatus: readPreflightStatus(raw.preflightStatus, issues),
    debug: readBoolean(raw, 'debug', issues),
    predicateTimeout: readPredicateTimeout(raw.predicateTimeout, typeof origins === 'function', issues),
    dangerouslyAllowInsecureOrigins: allowInsecure,
    onRefusal: readHook(raw.onRefusal, issues),
  };
  issues.throwIfAny();
  return { options: deepFreeze(options), patterns };
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
      if (KNOWN_OPTIONS.has(key) && !(key in raw)) {
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
  issues: IssueList,
): { origins: NormalizedCorsOptions['origins']; patterns: OriginPatterns } {
  const none = { origins: [] as string[], patterns: [] };
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
    return { origins: '*', patterns: [] };
  }
  if (typeof value === 'function') {
    const source = Function.prototype.toString.call(value).replace(/\s+/g, '');
    if (credentials && ALWAYS_TRUE_SOURCE.test(source)) {
      issues.add(
        'origins',
        'always-true-predicate-with-credentials',
        "a predicate that always returns true reflects every origin with credentials, which lets any site read your users' data; check the origin against a list.",
      );
    }
    return { origins: value as OriginPredicate, patterns: [] };
  }
  if (value === true || value === 'true') {
    issues.add(
      'origins',
      'origins-invalid',
      `origins: ${describeValue(value)} is not supported (other libraries read it as "reflect any origin"); use '*' without credentials, or list the origins.`,
    );
    return none;
  }
  if (typeof value === 'string') {
    issues.add('origins', 'origins-not-list', `origins is a single string; write a list: origins: ['${value}'].`);
    return none;
  }
  if (!Array.isArray(value)) {
    issues.add(
      'origins',
      'origins-invalid',
      `expected '*', a list of origin patterns or a predicate, got ${describeValue(value)}; for patterns use 'https://*.example.com' rather than a RegExp.`,
    );
    return none;
  }
  if (value.length === 0) {
    issues.add(
      'origins',
      'origins-empty',
      "the list is empty, so no cross-origin request would ever be allowed; list at least one origin, e.g. ['https://app.example.com'].",
    );
    return none;
  }
  const patterns: OriginPatterns = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const pattern = parseOriginPattern(entry, `origins[${index}]`, { credentials, allowInsecure }, issues);
    if (pattern && !seen.has(entry as string)) {
      seen.add(entry as string);
      patterns.push(pattern);
    }
  });
  return { origins: [...seen], patterns };
}

function readMethods(value: unknown, issues: IssueList): '*' | readonly string[] {
  if (value === undefined) return DEFAULT_METHODS;
  if (value === '*') return '*';
  const list = readStringList(value, 'methods', "e.g. ['GET', 'POST', 'PUT'] or '*'", issues);
  const methods = new Set<string>();
  list.forEach((method, index) => {
    const path = `methods[${index}]`;
    const upper = method.toUpperCase();
    if (!isToken(method)) {
      issues.add(path, 'invalid-method', `'${method}' is not a valid method name (letters, digits and !#$%&'*+-.^_\`|~ only).`);
    } else if (FORBIDDEN_METHODS.has(upper)) {
      issues.add(path, 'forbidden-method', `browsers never let a script send ${upper}, so allowing it only widens the attack surface; remove it.`);
    } else {
      methods.add(NORMALISED_METHODS.has(upper) ? upper : method);
    }
  });
  return [...methods];
}

function readHeaderList(
  raw: Record<string, unknown>,
  key: 'allowHeaders' | 'exposeHeaders',
  fallback: '*' | readonly string[],
  issues: IssueList,
): '*' | readonly string[] {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (value === '*') return '*';
  const names = new Set<string>();
  readStringList(value, key, "e.g. ['Content-Type', 'Authorization'] or '*'", issues).forEach((name, index) => {
    const path = `${key}[${index}]`;
    const lower = name.toLowerCase();
    if (!isToken(name)) {
      issues.add(path, 'invalid-header-name', `'${name}' is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only).`);
    } else if (key === 'allowHeaders' && isForbiddenRequestHeader(lower)) {
      issues.add(
        path,
        'forbidden-header',
        `browsers never let a script send '${name}' (a forbidden request header), so it never appears in a preflight; remove it.`,
      );
    } else if (key === 'exposeHeaders' && UNEXPOSABLE_RESPONSE_HEADERS.has(lower)) {
      issues.add(path, 'unexposable-header', `browsers never expose '${name}' to scripts, whatever the server says; remove it.`);
    } else if (lower === '*') {
      issues.add(path, 'wildcard-in-header-list', `'*' inside a list is read as a header named '*'; write ${key}: '*' (not ['*']).`);
    } else {
      names.add(lower);
    }
  });
  return [...names];
}

function readStringList(value: unknown, path: string, example: string, issues: IssueList): string[] {
  if (typeof value === 'string') {
    issues.add(path, 'not-a-list', `expected a list, got ${describeValue(value)}; ${example}.`);
    return [];
  }
  if (!Array.isArray(value)) {
    issues.add(path, 'not-a-list', `expected a list of strings, got ${describeValue(value)}; ${example}.`);
    return [];
  }
  const strings: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string') strings.push(item.trim());
    else issues.add(`${path}[${index}]`, 'not-a-string', `expected a string, got ${describeValue(item)}.`);
  });
  return strings;
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
    );
    return undefined;
  }
  return value;
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

function readPreflightStatus(value: unknown, issues: IssueList): 200 | 204 {
  if (value === undefined) return 204;
  if (value === 200 || value === 204) return value;
  issues.add('preflightStatus', 'invalid-preflight-status', `expected 200 or 204 (an ok status with no body), got ${describeValue(value)}.`);
  return 204;
}

function readHook(value: unknown, issues: IssueList): ((refusal: CorsRefusal) => void) | undefined {
  if (value === undefined || typeof value === 'function') return value as ((refusal: CorsRefusal) => void) | undefined;
  issues.add('onRefusal', 'not-a-function', `expected a function (refusal) => void, got ${describeValue(value)}.`);
  return undefined;
}

function deepFreeze<T extends object>(object: T): T {
  for (const value of Object.values(object)) {
    if (Array.isArray(value)) Object.freeze(value);
  }
  return Object.freeze(object);
}
