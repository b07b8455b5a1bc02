// What to change on the server: an explanation of the failed step for a person, and the
// configuration that allows exactly this request, for Corsa and for the server in front
// of you (recognised from its headers, or named with --stack).
import type { BrowserRequest, FailedStep } from './browser-fetch.js';
import { type CheckFailure, corsUnsafeHeaderNames, isSafelistedMethod } from './fetch-standard.js';
import { describeSilentCause, type SilentCause } from './silent-refusal.js';
import { PROXY_STACKS, STACK_LABELS, type Stack, type StackName } from './stack.js';

export interface Fix {
  /** What went wrong and what to change, in a few sentences. */
  readonly explanation: string;
  /** Corsa options that allow this request. */
  readonly corsa: string;
  /** The same for the recognised or named stack (absent when none is known, or it is Corsa). */
  readonly stack?: { readonly name: StackName; readonly evidence: string; readonly config: string; readonly notes: readonly string[] };
}

/** What the request needs a server to allow. */
interface Needs {
  origin: string;
  credentials: boolean;
  /** The method when it needs permission (not GET, HEAD or POST). */
  method?: string;
  /** Unsafe request-header names, lower case. */
  headers: string[];
}

function needsOf(request: BrowserRequest): Needs {
  const method = request.method ?? 'GET';
  return {
    origin: request.origin,
    credentials: request.credentials === 'include',
    ...(isSafelistedMethod(method) ? {} : { method }),
    headers: corsUnsafeHeaderNames(request.headers ?? {}),
  };
}

/** Corsa's default methods (core/src/options.ts). */
const CORSA_DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** The `cors` package's and hono/cors's default methods. */
const EXPRESS_DEFAULT_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'];

const quoted = (items: readonly string[], quote = "'") => items.map((item) => `${quote}${item}${quote}`).join(', ');

function corsaConfig(needs: Needs): string {
  const options = [`origins: ['${needs.origin}']`];
  if (needs.credentials) options.push('credentials: true');
  if (needs.method && !CORSA_DEFAULT_METHODS.includes(needs.method)) options.push(`methods: [${quoted([...CORSA_DEFAULT_METHODS, needs.method])}]`);
  // allowHeaders defaults to '*' (answered '*, authorization', or the list itself with credentials).
  const env = [`CORS_ORIGINS=${needs.origin}`, ...(needs.credentials ? ['CORS_CREDENTIALS=true'] : [])].join(' ');
  return `cors({ ${options.join(', ')} })   // or from the environment: ${env}`;
}

function fastapiConfig(needs: Needs): string {
  // Starlette's defaults: allow_methods=("GET",), allow_headers=() (the four safelisted ones).
  const methods = ['GET', ...(needs.method ? [needs.method] : [])];
  return [
    'from fastapi.middleware.cors import CORSMiddleware',
    '',
    'app.add_middleware(',
    '    CORSMiddleware,',
    `    allow_origins=["${needs.origin}"],`,
    ...(needs.credentials ? ['    allow_credentials=True,'] : []),
    `    allow_methods=[${quoted(methods, '"')}],`,
    ...(needs.headers.length > 0 ? [`    allow_headers=[${quoted(needs.headers, '"')}],`] : []),
    ')',
  ].join('\n');
}

/** flask-cors's default methods (its `methods` option). */
const FLASK_CORS_DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];

function flaskConfig(needs: Needs): string {
  // flask-cors's defaults: origins "*", allow_headers "*" (every requested header), supports_credentials False.
  const options = [`origins=["${needs.origin}"]`];
  if (needs.credentials) options.push('supports_credentials=True');
  if (needs.method && !FLASK_CORS_DEFAULT_METHODS.includes(needs.method))
    options.push(`methods=[${quoted([...FLASK_CORS_DEFAULT_METHODS, needs.method], '"')}]`);
  return ['from flask_cors import CORS', '', `CORS(app, ${options.join(', ')})`].join('\n');
}

/** django-cors-headers' defaults (corsheaders.defaults). */
const DJANGO_DEFAULT_METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const DJANGO_DEFAULT_HEADERS = ['accept', 'accept-encoding', 'authorization', 'content-type', 'dnt', 'origin', 'user-agent', 'x-csrftoken', 'x-requested-with'];

function djangoConfig(needs: Needs): string {
  const extraHeaders = needs.headers.filter((name) => !DJANGO_DEFAULT_HEADERS.includes(name));
  const extraMethod = needs.method && !DJANGO_DEFAULT_METHODS.includes(needs.method) ? needs.method : undefined;
  const defaults = [...(extraHeaders.length > 0 ? ['default_headers'] : []), ...(extraMethod ? ['default_methods'] : [])];
  return [
    '# settings.py, with django-cors-headers: "corsheaders" in INSTALLED_APPS and',
    '# "corsheaders.middleware.CorsMiddleware" first in MIDDLEWARE (before CommonMiddleware).',
    ...(defaults.length > 0 ? [`from corsheaders.defaults import ${defaults.join(', ')}`, ''] : []),
    `CORS_ALLOWED_ORIGINS = ["${needs.origin}"]`,
    ...(needs.credentials ? ['CORS_ALLOW_CREDENTIALS = True'] : []),
    ...(extraMethod ? [`CORS_ALLOW_METHODS = (*default_methods, "${extraMethod}")`] : []),
    ...(extraHeaders.length > 0 ? [`CORS_ALLOW_HEADERS = (*default_headers, ${quoted(extraHeaders, '"')})`] : []),
  ].join('\n');
}

/** @fastify/cors's default methods (v10 on: the safelisted ones). */
const FASTIFY_DEFAULT_METHODS = ['GET', 'HEAD', 'POST'];

function fastifyConfig(needs: Needs): string {
  const options = [`origin: ['${needs.origin}']`];
  if (needs.credentials) options.push('credentials: true');
  if (needs.method && !FASTIFY_DEFAULT_METHODS.includes(needs.method)) options.push(`methods: [${quoted([...FASTIFY_DEFAULT_METHODS, needs.method])}]`);
  return [
    "import cors from '@fastify/cors';",
    '',
    '// Before the routes: it adds an OPTIONS route for every path and answers preflights (204).',
    `await app.register(cors, { ${options.join(', ')} });`,
  ].join('\n');
}

/** @koa/cors's default allowMethods. */
const KOA_DEFAULT_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'];

function koaConfig(needs: Needs): string {
  const options = [`origin: '${needs.origin}'`];
  if (needs.credentials) options.push('credentials: true');
  if (needs.method && !KOA_DEFAULT_METHODS.includes(needs.method)) options.push(`allowMethods: [${quoted([...KOA_DEFAULT_METHODS, needs.method])}]`);
  return [
    "import cors from '@koa/cors';",
    '',
    '// The first app.use(): it answers preflights itself (204), before routes and authentication.',
    `app.use(cors({ ${options.join(', ')} }));`,
  ].join('\n');
}

/** rs/cors's defaults: AllowedMethods GET, POST, HEAD; AllowedHeaders Origin, Accept, Content-Type, X-Requested-With. */
const RS_CORS_DEFAULT_METHODS = ['GET', 'POST', 'HEAD'];
const RS_CORS_DEFAULT_HEADERS = ['origin', 'accept', 'content-type', 'x-requested-with'];

/** Go spells header names canonically (Content-Type), and rs/cors compares them so. */
const canonical = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());

function goRsCorsConfig(needs: Needs): string {
  const extraHeaders = needs.headers.filter((name) => !RS_CORS_DEFAULT_HEADERS.includes(name));
  return [
    'import "github.com/rs/cors"',
    '',
    'c := cors.New(cors.Options{',
    `    AllowedOrigins:   []string{"${needs.origin}"},`,
    ...(needs.credentials ? ['    AllowCredentials: true,'] : []),
    ...(needs.method && !RS_CORS_DEFAULT_METHODS.includes(needs.method)
      ? [`    AllowedMethods:   []string{${quoted([...RS_CORS_DEFAULT_METHODS, needs.method], '"')}},`]
      : []),
    // Setting AllowedHeaders replaces the defaults: keep them.
    ...(extraHeaders.length > 0 ? [`    AllowedHeaders:   []string{${quoted([...RS_CORS_DEFAULT_HEADERS, ...extraHeaders].map(canonical), '"')}},`] : []),
    '})',
    'handler := c.Handler(mux)',
  ].join('\n');
}

/**
 * What a server configured by hand (nginx, Apache, Caddy) must answer to the preflight, when
 * the request needs one: the methods (the safelisted ones and the request's) and the headers.
 */
function preflightAllows(needs: Needs): { methods: string; headers?: string } | undefined {
  if (!needs.method && needs.headers.length === 0) return undefined;
  return {
    methods: ['GET', 'HEAD', 'POST', ...(needs.method ? [needs.method] : [])].join(', '),
    ...(needs.headers.length > 0 ? { headers: needs.headers.join(', ') } : {}),
  };
}

function apacheConfig(needs: Needs): string {
  const preflight = preflightAllows(needs);
  return [
    '# In the <VirtualHost> of the API (mod_headers; mod_rewrite for the preflight).',
    '# `always` puts the headers on the error answers Apache itself makes too.',
    `Header always set Access-Control-Allow-Origin "${needs.origin}"`,
    ...(needs.credentials ? ['Header always set Access-Control-Allow-Credentials "true"'] : []),
    'Header always merge Vary "Origin"',
    ...(preflight
      ? [
          `Header always set Access-Control-Allow-Methods "${preflight.methods}"`,
          ...(preflight.headers ? [`Header always set Access-Control-Allow-Headers "${preflight.headers}"`] : []),
          '# Answer the preflight here (204), before the app and any authentication:',
          'RewriteEngine On',
          'RewriteCond %{REQUEST_METHOD} =OPTIONS',
          'RewriteRule ^ - [R=204,L]',
        ]
      : []),
  ].join('\n');
}

function caddyConfig(needs: Needs): string {
  const preflight = preflightAllows(needs);
  return [
    '# In the site block of the API.',
    'header {',
    `    Access-Control-Allow-Origin "${needs.origin}"`,
    ...(needs.credentials ? ['    Access-Control-Allow-Credentials "true"'] : []),
    '    +Vary Origin',
    '}',
    ...(preflight
      ? [
          '@preflight method OPTIONS',
          'header @preflight {',
          `    Access-Control-Allow-Methods "${preflight.methods}"`,
          ...(preflight.headers ? [`    Access-Control-Allow-Headers "${preflight.headers}"`] : []),
          '}',
          '# Answer the preflight here, before reverse_proxy and any authentication:',
          'respond @preflight 204',
        ]
      : []),
  ].join('\n');
}

/** The options of Express's `cors` and of hono/cors: the same names and defaults, but hono/cors calls the methods `allowMethods`. */
function originOptions(needs: Needs, methodsOption: 'methods' | 'allowMethods'): string {
  const options = [`origin: '${needs.origin}'`];
  if (needs.credentials) options.push('credentials: true');
  if (needs.method && !EXPRESS_DEFAULT_METHODS.includes(needs.method))
    options.push(`${methodsOption}: [${quoted([...EXPRESS_DEFAULT_METHODS, needs.method])}]`);
  return `{ ${options.join(', ')} }`;
}

function expressConfig(needs: Needs): string {
  return [
    "import cors from 'cors';",
    '',
    '// Before the routes and before authentication: it answers preflights itself (204).',
    `app.use(cors(${originOptions(needs, 'methods')}));`,
  ].join('\n');
}

function honoConfig(needs: Needs): string {
  return [
    "import { cors } from 'hono/cors';   // or @corsa/hono: cors({ origins: [...] })",
    '',
    '// Registered before the routes it covers, and before authentication.',
    `app.use('*', cors(${originOptions(needs, 'allowMethods')}));`,
  ].join('\n');
}

function nginxConfig(needs: Needs): string {
  const common = [
    `add_header Access-Control-Allow-Origin "${needs.origin}" always;`,
    ...(needs.credentials ? ['add_header Access-Control-Allow-Credentials "true" always;'] : []),
    'add_header Vary "Origin" always;',
  ];
  const allows = preflightAllows(needs);
  const preflight = allows
    ? [
        'if ($request_method = OPTIONS) {',
        ...common.map((line) => `    ${line}`),
        `    add_header Access-Control-Allow-Methods "${allows.methods}" always;`,
        ...(allows.headers ? [`    add_header Access-Control-Allow-Headers "${allows.headers}" always;`] : []),
        '    return 204;',
        '}',
      ]
    : [];
  return [
    '# In the location that serves the API. `always` adds the headers to 4xx and 5xx',
    '# answers too; an add_header inside `if` replaces the ones outside it, hence the repeat.',
    ...preflight,
    ...common,
  ].join('\n');
}

const CONFIGS: Readonly<Record<Exclude<StackName, 'corsa'>, (needs: Needs) => string>> = {
  fastapi: fastapiConfig,
  flask: flaskConfig,
  django: djangoConfig,
  express: expressConfig,
  fastify: fastifyConfig,
  koa: koaConfig,
  hono: honoConfig,
  'go-rs-cors': goRsCorsConfig,
  nginx: nginxConfig,
  apache: apacheConfig,
  caddy: caddyConfig,
};

/** Notes that hold only for one stack and this failure. */
function stackNotes(stack: StackName, failure: FailedStep, bodyStart: string | undefined): string[] {
  const notes: string[] = [];
  const failedAnswer = failure.status >= 400;
  if (stack === 'fastapi') {
    if (failure.step === 'preflight' && failure.status === 400 && bodyStart?.startsWith('Disallowed CORS')) {
      notes.push(
        `CORSMiddleware refused the preflight ("${bodyStart.trim()}"): the ${bodyStart.slice('Disallowed CORS '.length).trim()} must be allowed, as above.`,
      );
    }
    if (failure.step === 'preflight' && failure.status === 405)
      notes.push('405 to OPTIONS: CORSMiddleware is not installed, so the route answers the preflight.');
    if (failure.step === 'actual' && failure.status >= 500 && failure.kind === 'no-allow-origin') {
      notes.push(
        `The ${failure.status} comes from an exception: Starlette answers it outside CORSMiddleware, so it never carries CORS headers and the browser reports CORS instead of the error. Fix the exception (the server's log has it).`,
      );
    }
    if (failure.kind === 'wildcard-with-credentials') {
      notes.push(
        'allow_origins=["*"] with allow_credentials=True answers "*" to a request without cookies and reflects any origin to one with cookies: list the origins instead.',
      );
    }
  }
  if (stack === 'nginx') {
    if (failure.kind === 'multiple-allow-origin') {
      notes.push(
        "nginx adds Access-Control-Allow-Origin and the app behind it sends one too: keep one layer. To keep nginx's, add `proxy_hide_header Access-Control-Allow-Origin;` (and the other Access-Control-* the app sends).",
      );
    }
    if (failedAnswer && failure.kind === 'no-allow-origin') {
      notes.push(
        `The answer is a ${failure.status}: add_header without \`always\` adds nothing to 4xx and 5xx answers, so the browser reports CORS instead of the ${failure.status}.`,
      );
    }
  }
  if (stack === 'apache') {
    if (failure.kind === 'multiple-allow-origin') {
      notes.push(
        "Apache adds Access-Control-Allow-Origin and the app behind it sends one too (`Header always set` does not replace the proxied one): keep one layer. To keep Apache's, add `Header always unset Access-Control-Allow-Origin` before the set, or `Header unset` for the proxied answers.",
      );
    }
    if (failedAnswer && failure.kind === 'no-allow-origin') {
      notes.push(
        `The answer is a ${failure.status}: \`Header set\` without \`always\` adds nothing to the error answers Apache makes itself, so the browser reports CORS instead of the ${failure.status}.`,
      );
    }
  }
  if (stack === 'caddy' && failure.kind === 'multiple-allow-origin') {
    notes.push(
      "Caddy's header directive adds Access-Control-Allow-Origin and the app behind it sends one too: keep one layer. To keep Caddy's, drop the app's with reverse_proxy's `header_down -Access-Control-Allow-Origin`.",
    );
  }
  if (stack === 'go-rs-cors' && failure.step === 'preflight' && failure.kind === 'no-allow-origin') {
    notes.push(
      "rs/cors answers every preflight it refuses with 200 and no CORS header, whatever the cause (origin, method or a header); Options.Debug: true logs it ('Preflight aborted: …').",
    );
  }
  if (stack === 'django' && failure.kind === 'header-not-allowed') {
    notes.push("Setting CORS_ALLOW_HEADERS replaces django-cors-headers' defaults: start from default_headers, as above.");
  }
  if (stack === 'fastify' && failure.step === 'preflight' && failure.status === 404) {
    notes.push('Fastify has no OPTIONS route for this path: @fastify/cors adds one for every route, so register it (as above) before the routes.');
  }
  if (
    (stack === 'express' || stack === 'hono' || stack === 'koa') &&
    failure.step === 'preflight' &&
    (failure.status === 404 || failure.status === 405 || failure.status === 401 || failure.status === 403)
  ) {
    notes.push(`The preflight got ${failure.status}: a route or authentication answered OPTIONS before the CORS middleware. Register CORS first.`);
  }
  return notes;
}

/** Why `failure` happened, in a few sentences a person can act on. */
export function explain(failure: FailedStep, request: BrowserRequest): string {
  const at =
    failure.step === 'preflight'
      ? 'The preflight (OPTIONS)'
      : failure.step === 'redirect'
        ? `The redirect (${failure.status})`
        : `The response (${failure.status})`;
  switch (failure.kind) {
    case 'no-allow-origin':
      if (failure.status >= 400) {
        return `${at} is an error answered without CORS headers, so the browser reports CORS and hides the ${failure.status}. Either the origin is not allowed, or the error came from a layer in front of (or around) the CORS layer: CORS headers belong on error answers too.`;
      }
      return `${at} has no Access-Control-Allow-Origin: the server does not allow ${failure.origin} (or no CORS layer answers this path).`;
    case 'allow-origin-mismatch': {
      const slash = failure.value === `${failure.origin}/` ? " It differs only by the trailing '/': an Origin never ends with one." : '';
      return `${at} allows '${failure.value}', not ${failure.origin}: Access-Control-Allow-Origin must be the page's origin byte for byte (or '*').${slash} A hard-coded value, or a cache that served another origin's answer (no Vary: Origin), does this.`;
    }
    case 'multiple-allow-origin':
      return `${at} carries Access-Control-Allow-Origin '${failure.value}': several values, usually two layers (a proxy and the app) each adding one. Exactly one value is allowed: keep one layer.`;
    case 'wildcard-with-credentials':
      return `${at} answers Access-Control-Allow-Origin: * to a request with credentials (cookies): browsers refuse '*' then. The server must name ${failure.origin} and send Access-Control-Allow-Credentials: true.`;
    case 'credentials-not-allowed':
      return `${at} allows ${failure.origin} but not credentials: with credentials: 'include', Access-Control-Allow-Credentials must be exactly 'true' (it is ${failure.value === '' ? 'absent' : `'${failure.value}'`}).`;
    case 'preflight-status':
    case 'preflight-redirect':
      if (failure.status >= 300 && failure.status <= 399) {
        return `${at} was redirected (${failure.status}${failure.location ? ` to ${failure.location}` : ''}); a preflight never follows a redirect. Call the final URL directly (a trailing '/', http→https).`;
      }
      return `${at} got ${failure.status}; it needs a 2xx. The CORS layer must answer OPTIONS itself, before routing (404, 405) and authentication (401, 403): a preflight never carries credentials.`;
    case 'method-not-allowed': {
      const lower =
        failure.method !== failure.method.toUpperCase()
          ? ` fetch() sends '${failure.method}' as written and methods are case-sensitive: write ${failure.method.toUpperCase()} in the fetch() call.`
          : '';
      return `${at} does not allow ${failure.method}: Access-Control-Allow-Methods is ${failure.value === '' ? 'absent' : `'${failure.value}'`}.${lower}`;
    }
    case 'header-not-allowed': {
      const star = /(^|,)\s*\*\s*(,|$)/.test(failure.value ?? '');
      const why = star
        ? request.credentials === 'include'
          ? " With credentials, '*' is read as a header literally named '*'."
          : " '*' never covers Authorization in the Fetch standard, though today's engines let it: name it."
        : '';
      return `${at} does not allow the request header ${failure.header?.toLowerCase()}: Access-Control-Allow-Headers is ${failure.value === '' ? 'absent' : `'${failure.value}'`}.${why}`;
    }
    case 'invalid-allow-methods':
    case 'invalid-allow-headers':
      return `${at} sends ${failure.kind === 'invalid-allow-methods' ? 'Access-Control-Allow-Methods' : 'Access-Control-Allow-Headers'}: ${failure.value}, which is not a comma-separated list of names ('${failure.invalidItem}').`;
    case 'redirect-with-credentials':
      return `${at} goes to ${failure.location}, a URL with a username or password: a CORS request never follows it.`;
    case 'redirect-not-http':
    case 'too-many-redirects':
      return `${at}: ${failure.reason}.`;
    case 'network-error':
      return `${at} is not one browsers read: ${failure.reason}. No CORS header is looked at; the fetch() fails as if the server were unreachable. Find what writes that header and remove the byte.`;
  }
}

/**
 * The fix for `failure`, written for Corsa and for the first recognised (or named) stack.
 * `problems` are every problem of the failed answer (a preflight can have several; each
 * engine reports the first it checks).
 */
export function fixFor(
  failure: FailedStep,
  problems: readonly CheckFailure[],
  request: BrowserRequest,
  stacks: readonly Stack[],
  bodyStart?: string,
  corsaRefusal?: string | null,
  silent?: SilentCause,
): Fix {
  const needs = needsOf(request);
  const refused = corsaRefusal ? corsaRefusalFix(corsaRefusal, request) : undefined;
  if (refused !== undefined) return refused;
  if (failure.kind === 'network-error') {
    return {
      explanation: explain(failure, request),
      corsa: 'no CORS option changes this: the response must be valid HTTP before browsers look at its CORS headers.',
    };
  }
  // A proxy in front of an app: the app is where CORS belongs, and one layer only.
  const app = stacks.find((candidate) => candidate.name !== 'corsa' && !PROXY_STACKS.has(candidate.name));
  const proxy = stacks.find((candidate) => PROXY_STACKS.has(candidate.name));
  const stack = app ?? proxy;
  const oneLayer =
    app && proxy
      ? [
          `${STACK_LABELS[proxy.name]} sits in front of ${STACK_LABELS[app.name]} here: configure CORS in one layer only. The fix above is ${STACK_LABELS[app.name]}'s; leave every Access-Control-* header out of ${STACK_LABELS[proxy.name]}'s configuration (both layers would send them, and two values are refused).`,
        ]
      : [];
  const explanation = silent
    ? `${failure.step === 'preflight' ? 'The preflight (OPTIONS)' : 'The response'} got ${failure.status} and no CORS header at all: ${describeSilentCause(silent, failure.origin)}`
    : problems.length <= 1
      ? explain(failure, request)
      : [
          `The preflight (OPTIONS) has ${problems.length} problems; each browser reports the first one it checks:`,
          ...problems.map((problem) => `- ${explain({ ...failure, ...problem }, request)}`),
        ].join('\n');
  return {
    explanation,
    corsa: corsaConfig(needs),
    ...(stack
      ? {
          stack: {
            name: stack.name,
            evidence: stack.evidence,
            config: CONFIGS[stack.name as Exclude<StackName, 'corsa'>](needs),
            notes: [...oneLayer, ...stacks.flatMap((s) => stackNotes(s.name, failure, bodyStart))],
          },
        }
      : {}),
  };
}

/**
 * Corsa said why in `Corsa-Refusal` (debug mode): that reason leads, the problems it
 * disproves are not listed (a refused method is no origin problem, though a refused
 * preflight carries no Access-Control-Allow-Origin), and the fix is a change to the
 * options the reason quotes, never a replacement of them. Corsa answers, so no other
 * stack's configuration is offered (a server behind a Corsa gateway is not the one to change).
 */
function corsaRefusalFix(reason: string, request: BrowserRequest): Fix {
  const quoted = /'([^']*)'/.exec(reason)?.[1] ?? '';
  const listed = (label: string) =>
    (new RegExp(`allowed ${label}: ([^;(]*)`).exec(reason)?.[1] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '' && item !== 'none');
  const asList = (items: readonly string[]) => `[${items.map((item) => `'${item}'`).join(', ')}]`;
  let corsa: string;
  if (reason.startsWith('method ')) {
    // The reason always lists GET, HEAD and POST (safelisted: always allowed); HEAD and POST need no entry.
    const methods = listed('methods').filter((m) => m !== 'HEAD' && m !== 'POST');
    corsa = `add '${quoted}' to methods: methods: ${asList([...new Set([...methods, quoted])])}, keeping your other options as they are.`;
  } else if (reason.startsWith('request header ')) {
    corsa = `add '${quoted}' to allowHeaders: allowHeaders: ${asList([...listed('headers'), quoted])}, keeping your other options as they are.`;
  } else if (reason.startsWith('origin ') && reason.includes('is not allowed; allowed origins:')) {
    corsa = `add '${request.origin}' to origins: origins: ${asList([...listed('origins'), request.origin])}, keeping your other options as they are.`;
  } else {
    corsa = 'the reason above says what to change in your Corsa options.';
  }
  return {
    explanation: `Corsa refused it and says why (Corsa-Refusal): ${reason}\n(A refused preflight carries no Access-Control-* header at all, which is what the browsers report.)`,
    corsa,
  };
}

const LOCAL_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|[a-z0-9-]+\.localhost)$/i;

/**
 * When page and API are both local dev servers: a dev-server proxy avoids CORS in
 * development altogether (the page calls its own origin, the proxy forwards).
 */
export function devProxyAdvice(request: BrowserRequest): string | undefined {
  if (request.origin === 'null') return undefined;
  const page = new URL(request.origin);
  const api = new URL(request.url);
  if (!LOCAL_HOST.test(page.hostname) || !LOCAL_HOST.test(api.hostname)) return undefined;
  const prefix = `/${api.pathname.split('/')[1] ?? ''}`;
  return [
    `${request.origin} and ${api.origin} are both local dev servers. In development a dev-server proxy avoids CORS altogether:`,
    `the page calls its own origin and the dev server forwards. Vite: server: { proxy: { '${prefix}': '${api.origin}' } } in vite.config.ts,`,
    `and fetch('${api.pathname}${api.search}') instead of fetch('${api.href}'). Production still needs the CORS answer above.`,
  ].join('\n');
}
