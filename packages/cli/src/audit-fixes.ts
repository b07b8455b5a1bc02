// `corsa audit`'s fixes, written in the configuration of the server it recognised
// (FastAPI's CORSMiddleware, flask-cors, django-cors-headers, Express cors(), @fastify/cors,
// @koa/cors, rs/cors, nginx, Apache, Caddy, hono/cors, Corsa), with the trusted
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

/** `origin` with every '.' escaped, for a regex in a server's configuration. */
const escapedDots = (origin: string) => origin.replace(/\./g, '\\.');

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
      `flask-cors reads an origins entry with regex characters as a regular expression matched from the start only (re.match): anchor it at the end and escape the dots, r"^${escapedDots(t)}$", or list exact origins: origins=["${t}"].`,
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
  ...each(LOOSE_MATCH, (t) => `An nginx regex (~ or ~*) matches anywhere unless anchored: write ~^${escapedDots(t)}$, or list exact origins in the map.`),
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

const DJANGO: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `CORS_ALLOW_ALL_ORIGINS = True (or a regex matching everything) with CORS_ALLOW_CREDENTIALS = True sends back any Origin; list the origins: CORS_ALLOWED_ORIGINS = ["${t}"].`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) =>
      `django-cors-headers matches CORS_ALLOWED_ORIGIN_REGEXES with re.match (from the start only): end every regex with $ and escape the dots, r"^${escapedDots(t)}$", or list exact origins: CORS_ALLOWED_ORIGINS = ["${t}"].`,
  ),
  'null-origin-allowed': () => 'Remove "null" from CORS_ALLOWED_ORIGINS (and from what CORS_ALLOWED_ORIGIN_REGEXES matches).',
  'any-subdomain-trusted': (t) =>
    `A CORS_ALLOWED_ORIGIN_REGEXES entry lets every subdomain in; list the ones that need access: CORS_ALLOWED_ORIGINS = ["${t}"].`,
  'missing-vary-origin': () =>
    'django-cors-headers adds Vary: Origin only to the paths CORS_URLS_REGEX covers: widen it to every path whose answer depends on the Origin, or patch_vary_headers(response, ["Origin"]) in a middleware.',
};

const FASTIFY: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `@fastify/cors with origin: true (or a function that allows every site) sends back any Origin; list the origins: await app.register(cors, { origin: ['${t}'], credentials: true }).`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) =>
      `@fastify/cors tests an origin RegExp anywhere in the Origin: anchor it and escape the dots, origin: ${anchored(t)}, or list the origins: origin: ['${t}'].`,
  ),
  'null-origin-allowed': () => "Remove 'null' from @fastify/cors's origin list (an origin function must not allow it).",
  'any-subdomain-trusted': (t) => `@fastify/cors's origin lets every subdomain in; list the ones that need access: origin: ['${t}'].`,
};

const KOA: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `@koa/cors sends back the request's Origin when credentials is true and origin is left out (or is '*', or a function returning ctx.get('Origin')); name the origin: cors({ origin: '${t}', credentials: true }), or a function that returns it only for listed origins.`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) =>
      `@koa/cors's origin function decides alone: compare whole origins, e.g. (ctx) => (ALLOWED.includes(ctx.get('Origin')) ? ctx.get('Origin') : '') with ALLOWED = ['${t}'].`,
  ),
  'any-subdomain-trusted': (t) => `@koa/cors's origin function lets every subdomain in; compare whole origins against a list: ['${t}'].`,
};

const GO_RS_CORS: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `rs/cors with AllowOriginFunc (or AllowOriginRequestFunc) returning true for every origin sends it back; list the origins: AllowedOrigins: []string{"${t}"}.`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) => `An AllowOriginFunc that matches part of the origin decides alone: compare whole origins, or list them: AllowedOrigins: []string{"${t}"}.`,
  ),
  'null-origin-allowed': () => 'Remove "null" from AllowedOrigins (an AllowOriginFunc must not allow it).',
  'any-subdomain-trusted': (t) =>
    `A pattern like "https://*.example.com" in AllowedOrigins trusts every subdomain; list the ones that need access: AllowedOrigins: []string{"${t}"}.`,
};

const APACHE: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `Header set Access-Control-Allow-Origin "%{HTTP_ORIGIN}e" (or a SetEnvIf that matches everything) sends back any Origin; allow a list: SetEnvIf Origin "^${escapedDots(t)}$" CORS_ORIGIN=$0 and Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN.`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) => `A SetEnvIf Origin regex matches anywhere in the Origin unless anchored: write "^${escapedDots(t)}$" (each origin, every dot escaped).`,
  ),
  'null-origin-allowed': () => 'The SetEnvIf Origin regex matches "null": anchor it to whole https origins.',
  'any-subdomain-trusted': (t) => `The SetEnvIf Origin regex lets every subdomain in; list the ones that need access: "^(${escapedDots(t)})$".`,
  'duplicate-allow-origin': () =>
    "Apache adds Access-Control-Allow-Origin on top of the app's: let one layer answer. Remove the Header lines, or drop the app's with Header always unset Access-Control-Allow-Origin before setting it.",
  'missing-vary-origin': () => 'Header always merge Vary "Origin" next to the Access-Control-Allow-Origin line.',
};

const CADDY: StackFixes = {
  ...each(
    REFLECTS,
    (t) =>
      `header Access-Control-Allow-Origin {header.Origin} sends back any Origin; allow a list: @allowed header Origin ${t} and header @allowed Access-Control-Allow-Origin "${t}".`,
  ),
  ...each(
    LOOSE_MATCH,
    (t) => `A header_regexp Origin matcher matches anywhere unless anchored: ^${escapedDots(t)}$, or match exact values: @allowed header Origin ${t}.`,
  ),
  'duplicate-allow-origin': () =>
    "Caddy adds Access-Control-Allow-Origin on top of the app's: let one layer answer. Remove the header lines, or drop the app's with reverse_proxy { header_down -Access-Control-Allow-Origin }.",
  'missing-vary-origin': () => 'Add +Vary Origin to the header block that sets Access-Control-Allow-Origin.',
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

const BY_STACK: Readonly<Record<StackName, StackFixes>> = {
  fastapi: FASTAPI,
  flask: FLASK,
  django: DJANGO,
  express: EXPRESS,
  fastify: FASTIFY,
  koa: KOA,
  'go-rs-cors': GO_RS_CORS,
  nginx: NGINX,
  apache: APACHE,
  caddy: CADDY,
  hono: HONO,
  corsa: CORSA,
};

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
