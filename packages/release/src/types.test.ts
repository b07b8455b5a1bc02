// What users' compilers say about Corsa's options, TypeScript 7 and 5.9 alike, compiled as
// a user's project compiles them (against the built declarations, one file per case): a
// mistake written in place is reported once, by the sentence that names its fix, with no
// overload blamed; valid code compiles cleanly; an editor shows each option's
// documentation on hover and completion.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WildcardExposeWithCredentials, WildcardOriginWithCredentials } from '@corsa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILERS, type CompilerError, compileErrors } from './compilers.js';
import { type EditorView, languageServer, languageService } from './editor.js';

const ORIGIN_WITH_CREDENTIALS: WildcardOriginWithCredentials =
  "✗ origins: '*' cannot be combined with credentials: true (browsers refuse it). List the origins instead, e.g. origins: ['https://app.example.com']";
const EXPOSE_WITH_CREDENTIALS: WildcardExposeWithCredentials =
  "✗ exposeHeaders: '*' is read literally by browsers when credentials are on. List the headers instead, e.g. exposeHeaders: ['x-request-id']";
const notAssignable = (from: string, to: string) => `Type '${from}' is not assignable to type '"${to}"'.`;

const IMPORTS = `
import { createCorsPolicy, withCors, corsOptionsFromEnv, type CorsOptions } from '@corsa/core';
import { cors } from '@corsa/hono';
import { withCors as workersWithCors } from '@corsa/workers';
import { withCors as denoWithCors } from '@corsa/deno';
import { withCors as bunWithCors, corsRoute } from '@corsa/bun';
import { cors as nodeCors, withCors as nodeWithCors } from '@corsa/node';
import { corsProxy, withCors as nextWithCors } from '@corsa/next';
import { cors as svelteKitCors } from '@corsa/sveltekit';
import { cors as elysiaCors } from '@corsa/elysia';
import { cors as astroCors } from '@corsa/astro';
import { Hono, type Context } from 'hono';
type AppEnv = { Bindings: { CORS_ORIGINS: string } };
export {};
`;

/** Every entry point that takes options, with the options in place of `OPTIONS`. */
const ENTRY_POINTS: Record<string, string> = {
  createCorsPolicy: 'createCorsPolicy(OPTIONS);',
  'core withCors': 'withCors(OPTIONS, () => new Response());',
  'hono cors': 'new Hono().use(cors(OPTIONS));',
  'workers withCors': 'export default workersWithCors(OPTIONS, { fetch: () => new Response() });',
  'deno withCors (handler)': 'denoWithCors(OPTIONS, () => new Response());',
  'deno withCors (default export)': 'denoWithCors(OPTIONS, { fetch: () => new Response() });',
  'bun withCors': 'bunWithCors(OPTIONS, { fetch: () => new Response() });',
  'bun corsRoute': 'corsRoute(OPTIONS, new Response());',
  'node cors': 'nodeCors(OPTIONS);',
  'node withCors': 'nodeWithCors(OPTIONS, (req, res) => res.end());',
  'next withCors': 'export const route = nextWithCors(OPTIONS, { GET: () => new Response() });',
  'next corsProxy': 'export const proxy = corsProxy(OPTIONS, () => new Response());',
  'sveltekit cors': 'export const handle = svelteKitCors(OPTIONS);',
  'elysia cors': 'export const plugin = elysiaCors(OPTIONS);',
  'astro cors': 'export const onRequest = astroCors(OPTIONS);',
};

interface Mistake {
  readonly options: string;
  /** The first (and only) error, as both compilers print it, or as each does where they differ. */
  readonly error: string | { readonly 'TypeScript 7': string; readonly 'TypeScript 5.9': string };
}

const MISTAKES: Record<string, Mistake> = {
  "origins: '*' with credentials": {
    options: "{ origins: '*', credentials: true }",
    error: notAssignable('true', ORIGIN_WITH_CREDENTIALS),
  },
  "exposeHeaders: '*' with credentials": {
    options: "{ origins: ['https://app.example.com'], credentials: true, exposeHeaders: '*' }",
    error: notAssignable('"*"', EXPOSE_WITH_CREDENTIALS),
  },
  'credential (a letter missing)': {
    options: "{ origins: ['https://app.example.com'], credential: true }",
    error: notAssignable('true', "✗ unknown option 'credential'; did you mean 'credentials'?"),
  },
  'allowMethods (hono/cors)': {
    options: "{ origins: ['https://app.example.com'], allowMethods: ['GET'] }",
    error: notAssignable('string[]', "✗ unknown option 'allowMethods'; Corsa calls it 'methods'."),
  },
  'maxage (another case)': {
    options: "{ origins: ['https://app.example.com'], maxage: 600 }",
    error: notAssignable('number', "✗ unknown option 'maxage'; Corsa calls it 'maxAge'."),
  },
  'MaxAge (another case, not in any table)': {
    options: "{ origins: ['https://app.example.com'], MaxAge: 600 }",
    error: notAssignable('number', "✗ unknown option 'MaxAge'; did you mean 'maxAge'?"),
  },
  'exposedHeaders (Express cors)': {
    options: "{ origins: ['https://app.example.com'], exposedHeaders: ['x-id'] }",
    error: notAssignable('string[]', "✗ unknown option 'exposedHeaders'; Corsa calls it 'exposeHeaders'."),
  },
  'a name like no option': {
    options: "{ origins: ['https://app.example.com'], frobnicate: 1 }",
    error: notAssignable(
      'number',
      "✗ unknown option 'frobnicate'; the options are origins, credentials, methods, allowHeaders, exposeHeaders, maxAge, preflightStatus, debug, onRefusal, onError, predicateTimeout, dangerouslyAllowInsecureOrigins.",
    ),
  },
  "maxAge: '600'": {
    options: "{ origins: ['https://app.example.com'], maxAge: '600' }",
    error: "Type 'string' is not assignable to type 'number'.",
  },
  'origins as one string': {
    options: "{ origins: 'https://app.example.com' }",
    error: {
      'TypeScript 7': `Type '"https://app.example.com"' is not assignable to type '"*" | OriginPredicate | readonly string[]'.`,
      'TypeScript 5.9': `Type '"https://app.example.com"' is not assignable to type '"*" | readonly string[] | OriginPredicate'.`,
    },
  },
  "methods: 'GET,POST'": {
    options: "{ origins: ['https://app.example.com'], methods: 'GET,POST' }",
    error: `Type '"GET,POST"' is not assignable to type '"*" | readonly string[] | undefined'.`,
  },
};

// Every mistake in the entry points the README shows first; the first two mistakes (the
// combinations browsers refuse) and a misspelling in every entry point.
const FIRST_ENTRY_POINTS = ['createCorsPolicy', 'hono cors'];
const IN_EVERY_ENTRY_POINT = ["origins: '*' with credentials", "exposeHeaders: '*' with credentials", 'credential (a letter missing)'];

const CASES = Object.entries(ENTRY_POINTS).flatMap(([entry, call]) =>
  Object.entries(MISTAKES)
    .filter(([name]) => FIRST_ENTRY_POINTS.includes(entry) || IN_EVERY_ENTRY_POINT.includes(name))
    .map(([name, mistake]) => ({ entry, name, code: call.replace('OPTIONS', mistake.options), error: mistake.error })),
);

/** Code that must compile cleanly with both compilers. */
const VALID: Record<string, string> = {
  'options in place, an inline predicate, hooks': `
    createCorsPolicy({ origins: (origin) => origin.endsWith('.example.com'), credentials: true, maxAge: 600, onRefusal: (refusal) => refusal.origin });
    new Hono().use(cors({ origins: ['https://app.example.com'], methods: ['GET', 'PUT'], onError: (error, request) => new Response(String(error) + request.url, { status: 500 }) }));`,
  'a union of option objects': `
    const production = { origins: ['https://app.example.com'], credentials: true } as const;
    const development = { origins: '*' } as const;
    const options = Math.random() > 0.5 ? production : development;
    createCorsPolicy(options); cors(options); withCors(options, () => new Response()); nodeCors(options);`,
  'a shared base typed CorsOptions, spread and extended': `
    const base: CorsOptions = { origins: ['https://app.example.com'] };
    cors({ ...base, credentials: true }); bunWithCors({ ...base, maxAge: 600 }, { fetch: () => new Response() });`,
  'a policy, and options read from the environment': `
    const policy = createCorsPolicy({ origins: ['https://app.example.com'] });
    cors(policy); workersWithCors(policy, { fetch: () => new Response() }); denoWithCors(policy, () => new Response());
    cors(corsOptionsFromEnv({ CORS_ORIGINS: 'https://app.example.com' }));`,
  'function sources get their context': `
    new Hono<AppEnv>().use(cors<AppEnv>((c) => corsOptionsFromEnv(c.env)));
    new Hono<AppEnv>().use(cors((c: Context<AppEnv>) => ({ origins: [c.env.CORS_ORIGINS] })));
    new Hono().use(cors((c) => ({ origins: [c.req.header('x-origin') ?? ''] })));
    withCors((request) => ({ origins: [new URL(request.url).origin] }), () => new Response());
    export default workersWithCors((env) => ({ origins: [env.CORS_ORIGINS] }), { fetch: (request: Request, env: { CORS_ORIGINS: string }) => new Response(env.CORS_ORIGINS) });
    nodeCors((req) => ({ origins: [req.headers.host ?? ''] }));
    corsRoute((request) => ({ origins: [request.url] }), new Response());
    nextWithCors((request) => ({ origins: [new URL(request.url).origin] }), { GET: (request: Request) => new Response(request.url) });
    svelteKitCors((event) => ({ origins: [event.url.origin, String(event.platform ?? '')] }));
    elysiaCors(({ request }) => ({ origins: [new URL(request.url).origin] }));
    astroCors((context) => ({ origins: [context.url.origin, String(context.locals)] }));`,
};

/** Code whose one error shows that a function source's context has the app's type. */
const CONTEXT_TYPED: Record<string, { code: string; error: string }> = {
  "cors<AppEnv>((c) => …): c.env is the app's bindings": {
    code: 'new Hono<AppEnv>().use(cors<AppEnv>((c) => ({ origins: [c.env.CORS_ORIGIN] })));',
    error: "Property 'CORS_ORIGIN' does not exist on type '{ CORS_ORIGINS: string; }'. Did you mean 'CORS_ORIGINS'?",
  },
  "SvelteKit's function source gets the RequestEvent": {
    code: 'svelteKitCors((event) => ({ origins: [event.urll.origin] }));',
    error: "Property 'urll' does not exist on type 'RequestEvent<Record<string, string>, string | null>'. Did you mean 'url'?",
  },
  "a Worker's env comes from its fetch": {
    code: 'workersWithCors((env) => ({ origins: [env.CORS_ORIGIN] }), { fetch: (request: Request, env: { CORS_ORIGINS: string }) => new Response() });',
    error: "Property 'CORS_ORIGIN' does not exist on type '{ CORS_ORIGINS: string; }'. Did you mean 'CORS_ORIGINS'?",
  },
};

const root = mkdtempSync(join(tmpdir(), 'corsa-types-'));
const fileOf = new Map<string, string>();

beforeAll(() => {
  // A user's project: strict, bundler resolution, Node's types for @corsa/node; the
  // workspace's node_modules, whose @corsa/* resolve to the built declarations.
  symlinkSync(join(import.meta.dirname, '../../../node_modules'), join(root, 'node_modules'));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['cases/*.ts', 'editor/*.ts'],
    }),
  );
  mkdirSync(join(root, 'cases'));
  mkdirSync(join(root, 'editor'));
  const all = [
    ...CASES.map(({ entry, name, code }) => [`${entry}: ${name}`, code] as const),
    ...Object.entries(VALID),
    ...Object.entries(CONTEXT_TYPED).map(([name, { code }]) => [name, code] as const),
  ];
  all.forEach(([name, code], index) => {
    const file = `cases/case-${index}.ts`;
    fileOf.set(name, file);
    writeFileSync(join(root, file), `${IMPORTS}\n${code}\n`);
  });
  writeFileSync(
    join(root, 'editor/inline.ts'),
    `${IMPORTS}\ncors({ origins: ['https://app.example.com'], credentials: true });\ncreateCorsPolicy({ origins: ['https://app.example.com'], maxAge: 600 });\n`,
  );
  writeFileSync(join(root, 'editor/completing.ts'), `${IMPORTS}\ncors({ origins: ['https://app.example.com'],  });\n`);
});

afterAll(() => (process.env.KEEP_TYPES_DIR ? console.log(root) : rmSync(root, { recursive: true, force: true })));

describe.each(COMPILERS)('$name', ({ name: compiler, tsc }) => {
  let errors: CompilerError[];
  const errorsIn = (caseName: string) => errors.filter((error) => error.file === fileOf.get(caseName));
  beforeAll(async () => {
    errors = await compileErrors(tsc, root);
  }, 120_000);

  it.each(CASES)('$entry, $name: one error, the fix', ({ entry, name, error }) => {
    const expected = typeof error === 'string' ? error : error[compiler];
    expect(errorsIn(`${entry}: ${name}`).map((e) => e.text)).toEqual([expected]);
  });

  it.each(Object.keys(VALID))('compiles cleanly: %s', (name) => {
    expect(errorsIn(name)).toEqual([]);
  });

  it.each(Object.entries(CONTEXT_TYPED))('%s', (name, { error }) => {
    expect(errorsIn(name).map((e) => e.text)).toEqual([error]);
  });

  it('reports nothing it was not asked to', () => {
    expect(errors.filter((error) => ![...fileOf.values()].includes(error.file))).toEqual([]);
  });

  describe('in an editor', () => {
    let editor: EditorView;
    beforeAll(async () => {
      editor = compiler === 'TypeScript 7' ? await languageServer(root) : languageService(root);
    }, 60_000);
    afterAll(() => editor?.close());

    it("shows an inline option's documentation on hover", async () => {
      expect(await editor.hover('editor/inline.ts', 'credentials: true')).toContain('adds `Access-Control-Allow-Credentials: true`');
      expect(await editor.hover('editor/inline.ts', 'maxAge: 600')).toContain('`Access-Control-Max-Age: <maxAge>`');
    });

    it('offers every option with its documentation while typing', async () => {
      const offered = await editor.completions('editor/completing.ts', "cors({ origins: ['https://app.example.com'], ");
      expect([...offered.keys()]).toEqual(expect.arrayContaining(['credentials', 'methods', 'allowHeaders', 'exposeHeaders', 'maxAge', 'onError']));
      expect(offered.get('exposeHeaders')).toContain('Access-Control-Expose-Headers');
    });
  });
});
