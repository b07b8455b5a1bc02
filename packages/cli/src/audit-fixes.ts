// `corsa audit`'s fixes, written in the configuration of the server it recognised
// (FastAPI's CORSMiddleware, Flask's flask-cors, Express cors(), nginx, hono/cors, Corsa), with the trusted
// origin filled in. A class a stack has no advice of its own for keeps the general fix.
import type { FindingClass } from './audit.js';
import { STACK_LABELS, type Stack, type StackName } from './stack.js';

type OriginClass = 'prefix-match' | 'suffix-match' | 'unescaped-dot' | 'special-character-bypass';
const LOOSE_MATCH: readonly FindingClass[] = ['prefix-match', 'suffix-match', 'unescaped-dot', 'special-character-bypass'] satisfies OriginClass[];
const REFLECTS: readonly FindingClass[] = ['reflects-any-origin', 'reflects-any-origin-with-credentials', 'wildcard-with-credentials'];

/** What Starlette needs for `Vary: Origin` on every response: the same lines the tests run (testkit/servers/fastapi_cors.py). */
export const STARLETTE_VARY_MIDDLEWARE = `@app.middleware("http")
async def vary_origin(request, call_next):
    response = await call_next(request)
    response.headers.append("Vary", "Origin")
    return response`;

/** A RegExp literal matching exactly `origin`: anchored, dots and slashes escaped. */
const anchored = (origin: string) => `/^${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\//g, '\\/')}$/`;

type StackFixes = Partial<Record<FindingClass, (trusted: string) => string>>;

const FASTAPI: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `allow_origins=["*"] (or allow_origin_regex=".*") with allow_credentials=True makes Starlette send back any Origin that comes with a cookie; list the origins: app.add_middleware(CORSMiddleware, allow_origins=["${t}"], allow_credentials=True).`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) =>
      `allow_origin_regex must match whole origins with every '.' escaped (e.g. r"https://(app|admin)\\.example\\.com"); or list them: allow_origins=["${t}"].`,
  ),
  'null-origin-allowed': () => 'Remove "null" from allow_origins.',
  'any-subdomain-trusted': (t) => `allow_origin_regex lets every subdomain in; list the ones that need access: allow_origins=["${t}"].`,
  'missing-vary-origin': () =>
    `Starlette's CORSMiddleware adds Vary: Origin only to the responses it allows, and no argument changes that (so this finding stays after corsa check's CORSMiddleware fix). Add it to every response with a middleware:\n${STARLETTE_VARY_MIDDLEWARE}`,
};

/** What flask-cors needs for `Vary: Origin` on every response: the lines the tests run (cli/test/stacks.test.ts). */
export const FLASK_VARY_HOOK = `@app.after_request
def vary_origin(response):
    response.vary.add("Origin")
    return response`;

const FLASK: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `flask-cors's default origins="*" together with supports_credentials=True sends back any Origin that comes with a cookie; list the origins: CORS(app, origins=["${t}"], supports_credentials=True).`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) =>
      `flask-cors reads an origins entry with regex characters as a regular expression matched from the start only (re.match): anchor it at the end and escape the dots, r"^${t.replace(/\./g, '\\.')}$", or list exact origins: origins=["${t}"].`,
  ),
  'null-origin-allowed': () => 'Remove "null" from origins (a regex must not match it either).',
  'any-subdomain-trusted': (t) =>
    `An origins regex like r"https://.*\\.example\\.com" lets every subdomain in; list the ones that need access: origins=["${t}"].`,
  'missing-vary-origin': () =>
    `flask-cors leaves Vary: Origin off answers whose CORS headers depend on the Origin (flask-cors 3.0, with supports_credentials and listed origins, sends none at all), so a cache can serve one origin's answer to another. Add it to every response:\n${FLASK_VARY_HOOK}`,
};

const EXPRESS: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `cors({ origin: true }) (or an origin function that allows every site) sends back any Origin; list the origins: cors({ origin: ['${t}'], credentials: true }).`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) =>
      `cors() tests an origin RegExp anywhere in the Origin (/localhost/ matches http://localhost.evil.example): anchor it and escape the dots, origin: ${anchored(t)}, or list the origins: origin: ['${t}'].`,
  ),
  'null-origin-allowed': () => "Remove 'null' from cors()'s origin list (an origin function must not allow it).",
  'any-subdomain-trusted': (t) => `cors()'s origin lets every subdomain in; list the ones that need access: origin: ['${t}'].`,
};

const NGINX: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `add_header Access-Control-Allow-Origin $http_origin sends back any Origin; map it against a list: map $http_origin $cors_origin { default ""; "${t}" $http_origin; } and add_header Access-Control-Allow-Origin $cors_origin always;`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) => `An nginx regex (~ or ~*) matches anywhere unless anchored: write ~^${t.replace(/\./g, '\\.')}$, or list exact origins in the map.`,
  ),
  'duplicate-allow-origin': () =>
    "nginx adds Access-Control-Allow-Origin on top of the upstream's: let one layer answer. Remove nginx's add_header lines, or hide the upstream's with proxy_hide_header Access-Control-Allow-Origin; (and each other Access-Control-* header it sends).",
  'missing-vary-origin': () => 'add_header Vary Origin always; next to the add_header Access-Control-Allow-Origin line.',
};

const HONO: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `hono/cors with an origin function that returns the Origin for every site sends back any Origin; list the origins: cors({ origin: ['${t}'], credentials: true }).`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) => `hono/cors's origin function decides alone: compare whole origins, origin: ['${t}'], or origin: (o) => (ALLOWED.includes(o) ? o : null).`,
  ),
  'any-subdomain-trusted': (t) => `hono/cors's origin lets every subdomain in; list the ones that need access: origin: ['${t}'].`,
};

const CORSA: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `Corsa answers only the origins its origins option allows: a predicate there returned true for a stranger's origin; list the origins: origins: ['${t}'].`,
  ),
  ...each(LOOSE_MATCH, (t) => `Corsa's patterns compare whole origins; this comes from an origins predicate: list the origins instead, origins: ['${t}'].`),
  'null-origin-allowed': () => "Corsa never allows 'null' from a list; an origins predicate returned true for it: return false for 'null'.",
  'any-subdomain-trusted': (t) =>
    `A pattern like 'https://*.example.com' in origins trusts every subdomain; list the ones that need access: origins: ['${t}'].`,
};

const BY_STACK: Readonly<Record<StackName, StackFixes>> = { fastapi: FASTAPI, flask: FLASK, express: EXPRESS, nginx: NGINX, hono: HONO, corsa: CORSA };

function each(classes: readonly FindingClass[], fix: (trusted: string) => string): StackFixes {
  return Object.fromEntries(classes.map((kind) => [kind, fix]));
}

/**
 * The fix for `kind` in the configuration of the first recognised stack that has one
 * (Corsa before any other), with the stack it is for; the general fix when none has.
 */
export function stackFix(kind: FindingClass, stacks: readonly Stack[], trusted: string, general: string): { fix: string; stack?: string } {
  // A Corsa-Refusal header means Corsa answers CORS, whatever server sits behind it (a gateway).
  const corsaFirst = [...stacks].sort((a, b) => Number(b.name === 'corsa') - Number(a.name === 'corsa'));
  for (const stack of corsaFirst) {
    const fix = BY_STACK[stack.name][kind];
    if (fix) return { fix: fix(trusted), stack: STACK_LABELS[stack.name] };
  }
  return { fix: general };
}
