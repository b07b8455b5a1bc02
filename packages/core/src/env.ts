import { CorsConfigError, type CorsConfigIssue, describeValue } from './errors.js';
import { printable, whitespaceIn } from './lists.js';
import { nearestName } from './near-names.js';
import type { CorsOptions } from './options.js';
import { validateOptions } from './validate.js';

/** The environment variables `corsOptionsFromEnv` reads, and the option each one sets. */
export const CORS_ENV_VARIABLES = {
  CORS_ORIGINS: 'origins',
  CORS_CREDENTIALS: 'credentials',
  CORS_METHODS: 'methods',
  CORS_ALLOW_HEADERS: 'allowHeaders',
  CORS_EXPOSE_HEADERS: 'exposeHeaders',
  CORS_MAX_AGE: 'maxAge',
  CORS_DEBUG: 'debug',
} as const;

type EnvName = keyof typeof CORS_ENV_VARIABLES;
const ENV_NAMES = Object.keys(CORS_ENV_VARIABLES) as EnvName[];
const LIST_VARIABLES = new Set<EnvName>(['CORS_ORIGINS', 'CORS_METHODS', 'CORS_ALLOW_HEADERS', 'CORS_EXPOSE_HEADERS']);
const BOOLEAN_VARIABLES = new Set<EnvName>(['CORS_CREDENTIALS', 'CORS_DEBUG']);

// What other CORS libraries (django-cors-headers, Spring, Express wrappers) call theirs.
const OTHER_NAMES: Record<string, EnvName> = {
  CORS_ALLOWED_ORIGINS: 'CORS_ORIGINS',
  CORS_ALLOW_ORIGINS: 'CORS_ORIGINS',
  CORS_ALLOW_ORIGIN: 'CORS_ORIGINS',
  CORS_ORIGIN_WHITELIST: 'CORS_ORIGINS',
  CORS_ALLOW_CREDENTIALS: 'CORS_CREDENTIALS',
  CORS_ALLOWED_METHODS: 'CORS_METHODS',
  CORS_ALLOW_METHODS: 'CORS_METHODS',
  CORS_ALLOWED_HEADERS: 'CORS_ALLOW_HEADERS',
  CORS_EXPOSED_HEADERS: 'CORS_EXPOSE_HEADERS',
  CORS_PREFLIGHT_MAX_AGE: 'CORS_MAX_AGE',
};

/**
 * The last results per environment object and `base`, with the raw values they were
 * built from: calling again with unchanged variables returns the same frozen options
 * without parsing or validating again, so `cors((c) => corsOptionsFromEnv(c.env))` costs
 * a few property reads per request and the policy compiled from it is reused.
 */
const lastResults = new WeakMap<object, { base: object; raw: unknown[]; options: CorsOptions }[]>();
const NO_BASE = {};

/**
 * Builds options from environment-style strings (`process.env`, `Deno.env.toObject()`,
 * a Workers `env` with `[vars]`, any object: an `interface Env` fits):
 * - `CORS_ORIGINS` (required): `*`, or comma-separated origin patterns
 *   (`https://a.example,https://*.b.example`);
 * - `CORS_CREDENTIALS`, `CORS_DEBUG`: `true` or `false`;
 * - `CORS_METHODS`, `CORS_ALLOW_HEADERS`, `CORS_EXPOSE_HEADERS`: `*` or a comma-separated list;
 * - `CORS_MAX_AGE`: whole seconds, 0–86400.
 *
 * Lists are separated by commas alone, and read exactly as the options are: whitespace
 * or an empty element is refused, by name, with the value to write instead
 * (`CORS_ORIGINS=https://a.example,https://b.example`). Unset or empty variables leave
 * the option to `base` (then to its default). A bad value throws a `CorsConfigError`
 * whose issues name the variable (`CORS_ORIGINS[1]`) and, where Corsa can tell, carry
 * the value to set (`issue.fix`); a near miss of a name (`CORS_ORIGIN`,
 * `CORS_ALLOWED_ORIGINS`) is an error that names the right one. Only the environment's
 * own properties are read. The result is frozen, and the same object is returned while
 * the variables (and `base`) stay the same.
 */
export function corsOptionsFromEnv(env: object, base?: Partial<CorsOptions>): CorsOptions {
  const baseKey = base ?? NO_BASE;
  const results = lastResults.get(env);
  if (results !== undefined) {
    for (const result of results) if (result.base === baseKey && unchanged(env, result.raw)) return result.options;
  }
  const raw = ENV_NAMES.map((name) => (Object.hasOwn(env, name) ? (env as Record<string, unknown>)[name] : undefined));
  const options = deepFreeze(buildOptions(env, raw, base ?? {}));
  const entry = { base: baseKey, raw, options };
  if (results === undefined) lastResults.set(env, [entry]);
  else if (results.push(entry) > 8) results.shift();
  return options;
}

// The per-request check, without allocating. A plain read: `raw` holds own values (or
// undefined), so a value that now comes from a prototype differs and is re-read properly.
function unchanged(env: object, raw: readonly unknown[]): boolean {
  for (let i = 0; i < ENV_NAMES.length; i++) {
    if ((env as Record<string, unknown>)[ENV_NAMES[i] as string] !== raw[i]) return false;
  }
  return true;
}

function buildOptions(env: object, values: readonly unknown[], base: Partial<CorsOptions>): CorsOptions {
  const issues: CorsConfigIssue[] = nearMisses(env);
  const options: Record<string, unknown> = { ...base };
  for (const [index, name] of ENV_NAMES.entries()) {
    const raw = values[index];
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string') {
      issues.push({ path: name, code: 'env-not-string', message: `expected a string, got ${describeValue(raw)}.` });
      continue;
    }
    const option = CORS_ENV_VARIABLES[name];
    if (LIST_VARIABLES.has(name)) {
      if (raw !== '*' && raw.trim() === '*') {
        issues.push({
          path: name,
          code: 'whitespace',
          message: `'${printable(raw)}' has ${whitespaceIn(raw)}; set ${name}=*.`,
          fix: { path: name, value: '*' },
        });
      } else {
        // Commas alone separate: whitespace and empty elements reach the list checks as they are.
        options[option] = raw === '*' ? '*' : raw.split(',');
      }
      continue;
    }
    // Whitespace around a value that is otherwise right: say so, with the value to set, and
    // judge the other variables by what it clearly means (their fixes depend on it).
    const trimmed = raw.trim();
    const valid = BOOLEAN_VARIABLES.has(name) ? /^(true|false)$/i.test(trimmed) : /^\d+$/.test(trimmed);
    if (trimmed !== raw && valid) {
      const value = trimmed.toLowerCase();
      issues.push({
        path: name,
        code: 'whitespace',
        message: `'${printable(raw)}' has ${whitespaceIn(raw)}; set ${name}=${value}.`,
        fix: { path: name, value },
      });
    }
    const text = valid ? trimmed : raw;
    if (BOOLEAN_VARIABLES.has(name)) {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') options[option] = lower === 'true';
      else issues.push({ path: name, code: 'env-not-boolean', message: `expected 'true' or 'false', got '${printable(raw)}'.` });
    } else {
      options[option] = /^\d+$/.test(text) ? Number(text) : raw;
    }
  }
  if (options.origins === undefined && !issues.some((issue) => issue.path === 'CORS_ORIGINS')) {
    const nearMiss = issues.find((issue) => issue.code === 'env-near-miss' && issue.fix?.path === 'CORS_ORIGINS');
    issues.push({
      path: 'CORS_ORIGINS',
      code: 'env-required',
      message: nearMiss
        ? `not set, but ${nearMiss.path} is: the variable Corsa reads is CORS_ORIGINS.`
        : "not set (or empty); set it to the origins that may call this API, e.g. CORS_ORIGINS=https://app.example.com,https://admin.example.com (or '*' for any origin without credentials).",
    });
  }
  try {
    validateOptions(options);
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    // A missing CORS_ORIGINS was reported above, by its variable's name.
    issues.push(...error.issues.filter((issue) => issue.code !== 'origins-required').map(renameToVariable));
  }
  if (issues.length > 0) throw new CorsConfigError(issues);
  return options as unknown as CorsOptions;
}

// Variables that look like Corsa's but are not: other libraries' names, a wrong case, a typo.
function nearMisses(env: object): CorsConfigIssue[] {
  const issues: CorsConfigIssue[] = [];
  for (const key of Object.keys(env)) {
    if ((ENV_NAMES as string[]).includes(key)) continue;
    const upper = key.toUpperCase();
    if (!upper.startsWith('CORS_')) continue;
    const meant = (ENV_NAMES as string[]).includes(upper) ? (upper as EnvName) : (OTHER_NAMES[upper] ?? (nearestName(upper, ENV_NAMES) as EnvName | undefined));
    if (meant === undefined) continue;
    const value = (env as Record<string, unknown>)[key];
    const current = (env as Record<string, unknown>)[meant];
    const isSet = Object.hasOwn(env, meant) && current !== '';
    // Set too (often by defaults in code, as in the examples): the misspelt one is what the
    // person typed, so its value is the one to keep — under the right name.
    const also = isSet ? ` (${meant} is set too${typeof current === 'string' ? `, to '${printable(current)}'` : ''}: that value is the one in use.)` : '';
    issues.push({
      path: key,
      code: 'env-near-miss',
      message: `Corsa reads no ${key}; did you mean ${meant}? Rename it: ${meant}=${typeof value === 'string' ? printable(value) : '…'}.${also}`,
      ...(typeof value !== 'string' ? {} : { fix: { path: meant, value } }),
    });
  }
  return issues;
}

// Frozen copies of the lists: freezing `base`'s own arrays would change the caller's objects.
function deepFreeze(options: CorsOptions): CorsOptions {
  const copy: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(copy)) if (Array.isArray(value)) copy[key] = Object.freeze([...value]);
  return Object.freeze(copy) as unknown as CorsOptions;
}

// `origins[1]` → `CORS_ORIGINS[1]`, and a fix for an option → the variable's value to set:
// the user wrote a variable, so name the variable.
function renameToVariable(issue: CorsConfigIssue): CorsConfigIssue {
  const variable = variableOf(issue.path);
  if (variable === undefined) return issue;
  const path = variable + issue.path.slice(CORS_ENV_VARIABLES[variable].length);
  const fixVariable = issue.fix === undefined ? undefined : variableOf(issue.fix.path);
  const value = fixVariable === undefined ? undefined : envValueOf(issue.fix?.value);
  // Advice written in code (`origins: ['https://app.example.com']`) becomes the variable to set.
  const option = CORS_ENV_VARIABLES[variable];
  const advice = issue.message.replace(new RegExp(`\\b${option}: \\[([^\\]]*)\\]`, 'g'), (_, items: string) => `${variable}=${items.replace(/['\s]/g, '')}`);
  const renamed = { path, code: issue.code, message: value === undefined ? advice : `${advice} (set ${fixVariable}=${value})` };
  return fixVariable === undefined || value === undefined ? renamed : { ...renamed, fix: { path: fixVariable, value } };
}

function variableOf(optionPath: string): EnvName | undefined {
  return ENV_NAMES.find((name) => {
    const option = CORS_ENV_VARIABLES[name];
    return optionPath === option || optionPath.startsWith(`${option}[`);
  });
}

// An option value as a variable's string, or undefined when no string says it (an empty list).
function envValueOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(',');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
