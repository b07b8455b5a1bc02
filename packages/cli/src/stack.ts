// Which server answered: recognised from what it sends (or named with --stack), so that
// the fix is written for that server.

export type StackName = 'corsa' | 'fastapi' | 'flask' | 'django' | 'express' | 'fastify' | 'koa' | 'hono' | 'go-rs-cors' | 'nginx' | 'apache' | 'caddy';

export const STACK_NAMES: readonly StackName[] = [
  'corsa',
  'fastapi',
  'flask',
  'django',
  'express',
  'fastify',
  'koa',
  'hono',
  'go-rs-cors',
  'nginx',
  'apache',
  'caddy',
];

/** How the report names each stack. */
export const STACK_LABELS: Readonly<Record<StackName, string>> = {
  corsa: 'Corsa',
  fastapi: 'FastAPI',
  flask: 'Flask',
  django: 'Django',
  express: 'Express',
  fastify: 'Fastify',
  koa: 'Koa',
  hono: 'Hono',
  'go-rs-cors': 'Go (rs/cors)',
  nginx: 'nginx',
  apache: 'Apache httpd',
  caddy: 'Caddy',
};

/**
 * Servers that usually sit in front of an app (a reverse proxy). When one is recognised
 * together with an app that answers CORS, the app is the one layer to configure.
 */
export const PROXY_STACKS: ReadonlySet<StackName> = new Set(['nginx', 'apache', 'caddy']);

export interface Stack {
  readonly name: StackName;
  /** What it was recognised from (a header line, or the start of a body), or `--stack` when the user named it. */
  readonly evidence: string;
}

/** What a signature looks at: the header lines in order, as received, and the start of the body. */
export interface Answer {
  readonly headers: Headers;
  readonly lines?: readonly (readonly [string, string])[];
  readonly bodyStart?: string;
}

/** A stack's mark in one answer: the evidence, or undefined. */
type Signature = (answer: Answer) => string | undefined;

const header =
  (name: string, pattern: RegExp): Signature =>
  ({ headers }) => {
    const value = headers.get(name);
    return value !== null && pattern.test(value) ? `${name}: ${value}` : undefined;
  };

/** rs/cors adds these three Vary lines, in this order, to every preflight it sees — the ones it refuses too. */
const RS_CORS_VARY = ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'];
const rsCorsVary: Signature = ({ lines }) => {
  const vary = (lines ?? []).filter(([name]) => name.toLowerCase() === 'vary').map(([, value]) => value);
  return vary.length === 3 && vary.every((value, i) => value === RS_CORS_VARY[i]) ? `Vary: ${vary.join(' / Vary: ')}` : undefined;
};

/** Fastify's own 404 (a route, here OPTIONS without @fastify/cors, that does not exist). */
const fastifyNotFound: Signature = ({ bodyStart }) => /^\{"message":"Route [A-Za-z]+:\S* not found"/.exec(bodyStart ?? '')?.[0];

const SIGNATURES: readonly [StackName, Signature][] = [
  ['nginx', header('server', /^nginx\b/i)],
  ['apache', header('server', /^apache\b/i)],
  ['caddy', header('server', /^caddy\b/i)],
  ['fastapi', header('server', /^(uvicorn|hypercorn)\b/i)],
  // Werkzeug serves Flask (its development server, and apps run with it).
  ['flask', header('server', /^werkzeug\//i)],
  // `manage.py runserver` (Django's WSGIServer, from Python's wsgiref).
  ['django', header('server', /^wsgiserver\//i)],
  ['express', header('x-powered-by', /^express\b/i)],
  // Fastify sends no header of its own; its 404 (an OPTIONS without @fastify/cors) names it.
  ['fastify', fastifyNotFound],
  ['go-rs-cors', rsCorsVary],
  ['corsa', header('corsa-refusal', /./)],
];

/** Every stack whose signature appears in the answers (nginx in front of Express gives both), first seen first. */
export function recogniseStacks(answers: readonly Answer[]): Stack[] {
  const found = new Map<StackName, Stack>();
  for (const answer of answers) {
    for (const [name, signature] of SIGNATURES) {
      if (found.has(name)) continue;
      const evidence = signature(answer);
      if (evidence !== undefined) found.set(name, { name, evidence });
    }
  }
  return [...found.values()];
}
