import { CorsConfigError, type CorsConfigIssue } from './errors.js';
import type { CorsOptions } from './options.js';
import { describeValue } from './origin-patterns.js';
import { validateOptions } from './validate.js';

/** The environment variables `corsOptionsFromEnv` reads, and the option each one sets. */
export const CORS_ENV_VARIABLES = {
  CORS_ORIGINS: 'origins',
  CORS_CREDENTIALS: 'credentials',
  CORS_METHODS: 'methods',
  CORS_ALLOW_HEADERS: 'allowHeaders',
  CORS_EXPOSE_HEADERS: 'exposeHeaders',
  CORS_MAX_AGE: 'maxAge',
} as const;

type EnvName = keyof typeof CORS_ENV_VARIABLES;

/**
 * The last result per environment object and `base`, with the raw values it was built
 * from: calling again with unchanged variables returns the same frozen options without
 * parsing or validating again, so `cors((c) => corsOptionsFromEnv(c.env))` costs a few
 * property reads per request and the policy compiled from it is reused.
 */
const lastResults = new WeakMap<object, { base: object; raw: unknown[]; options: CorsOptions }[]>();
const NO_BASE = {};

/**
 * Builds options from environment-style strings (`process.env`, `Deno.env.toObject()`,
 * a Workers `env` with `[vars]`):
 * - `CORS_ORIGINS` (required): `*`, or comma-separated origin patterns
 *   (`https://a.example,https://*.b.example`);
 * - `CORS_CREDENTIALS`: `true` or `false`;
 * - `CORS_METHODS`, `CORS_ALLOW_HEADERS`, `CORS_EXPOSE_HEADERS`: `*` or a comma-separated list;
 * - `CORS_MAX_AGE`: whole seconds, 0–86400.
 * Unset or empty variables leave the option to `base` (then to its default). The result
 * is validated here: a bad value throws a `CorsConfigError` whose issues name the
 * variable (`CORS_ORIGINS[1]`), not the option. Other variables are ignored. Only the
 * environment's own properties are read. The result is frozen, and the same object is
 * returned while the variables (and `base`) stay the same.
 */
export function corsOptionsFromEnv(env: object, base?: Partial<CorsOptions>): CorsOptions {
  const baseKey = base ?? NO_BASE;
  const results = lastResults.get(env);
  if (results !== undefined) {
    for (const result of results) if (result.base === baseKey && unchanged(env, result.raw)) return result.options;
  }
  const raw = ENV_NAMES.map((name) => (Object.hasOwn(env, name) ? (env as Record<string, unknown>)[name] : undefined));
  const options = deepFreeze(buildOptions(raw, base ?? {}));
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

const ENV_NAMES = Object.keys(CORS_ENV_VARIABLES) as EnvName[];

function buildOptions(values: readonly unknown[], base: Partial<CorsOptions>): CorsOptions {
  const issues: CorsConfigIssue[] = [];
  const options: Record<string, unknown> = { ...base };
  for (const [index, name] of ENV_NAMES.entries()) {
    const raw = values[index];
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string') {
      issues.push({ path: name, code: 'env-not-string', message: `expected a string, got ${describeValue(raw)}.` });
      continue;
    }
    const value = raw.trim();
    const option = CORS_ENV_VARIABLES[name];
    if (name === 'CORS_CREDENTIALS') {
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === 'false') options[option] = lower === 'true';
      else issues.push({ path: name, code: 'env-not-boolean', message: `expected 'true' or 'false', got '${raw}'.` });
    } else if (name === 'CORS_MAX_AGE') {
      options[option] = /^\d+$/.test(value) ? Number(value) : value;
    } else {
      options[option] = value === '*' ? '*' : listOf(value);
    }
  }
  if (options.origins === undefined && !issues.some((issue) => issue.path === 'CORS_ORIGINS')) {
    issues.push({
      path: 'CORS_ORIGINS',
      code: 'env-required',
      message:
        "not set (or empty); set it to the origins that may call this API, e.g. CORS_ORIGINS=https://app.example.com,https://admin.example.com (or '*' for any origin without credentials).",
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

// Frozen copies of the lists: freezing `base`'s own arrays would change the caller's objects.
function deepFreeze(options: CorsOptions): CorsOptions {
  const copy: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(copy)) if (Array.isArray(value)) copy[key] = Object.freeze([...value]);
  return Object.freeze(copy) as unknown as CorsOptions;
}

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// `origins[1]` → `CORS_ORIGINS[1]`: the user wrote a variable, so name the variable.
function renameToVariable(issue: CorsConfigIssue): CorsConfigIssue {
  for (const [variable, option] of Object.entries(CORS_ENV_VARIABLES)) {
    if (issue.path === option || issue.path.startsWith(`${option}[`)) {
      return { ...issue, path: variable + issue.path.slice(option.length) };
    }
  }
  return issue;
}
