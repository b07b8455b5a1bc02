// The tarballs users get from npm, installed into a fresh project outside the workspace
// (no symlinks to hide a missing file or a wrong export), and imported from every
// runtime and toolchain: Node ESM and CJS, TypeScript (node16 ESM and CJS, bundler),
// Deno (npm: specifiers), Bun, and a Worker bundled by `wrangler deploy --dry-run`.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILERS, TYPESCRIPT_7 } from './compilers.js';
import { bin, PUBLISHED, packageDir } from './packages.js';

const root = mkdtempSync(join(tmpdir(), 'corsa-consumer-'));
const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

const write = (file: string, text: string) => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
};

/** Compiles `files` in `dir` with `tsc` (strict, no emit) and the given options. */
const typecheck = (tsc: string, dir: string, files: string[], options: Record<string, unknown>) => {
  write(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions: { target: 'es2022', strict: true, noEmit: true, ...options }, files }));
  run(process.execPath, [tsc, '-p', dir]);
};

// What every consumer checks: a policy compiles and answers a preflight and a request.
const SCRIPT_BODY = `
const policy = createCorsPolicy({ origins: ['https://app.example'], credentials: true });
const preflight = evaluateCors(policy, new Request('https://api.example/', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT' } }));
const actual = evaluateCors(policy, new Request('https://api.example/', { headers: { origin: 'https://app.example' } }));
let suffixWildcard = 'accepted';
try { createCorsPolicy({ origins: ['https://*.github.io'], credentials: true }); } catch (error) { suffixWildcard = error.issues[0].code; }
console.log(JSON.stringify({ status: preflight.status, allowOrigin: actual.get('access-control-allow-origin'), adapters: [typeof cors, typeof workers, typeof deno, typeof bun, typeof nodeCors, typeof corsa, typeof nextRoute], suffixWildcard }));
`;
// Each script loads '@corsa/core/public-suffix-list' too, so the list decides the wildcard.
const EXPECTED = {
  status: 204,
  allowOrigin: 'https://app.example',
  adapters: ['function', 'function', 'function', 'function', 'function', 'function', 'function'],
  suffixWildcard: 'public-suffix-wildcard-with-credentials',
};

beforeAll(() => {
  const tarballs: Record<string, string> = {};
  mkdirSync(join(root, 'tarballs'));
  for (const name of PUBLISHED) {
    const file = execFileSync('npm', ['pack', '--pack-destination', join(root, 'tarballs')], {
      cwd: packageDir(name),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .trim()
      .split('\n')
      .pop()!;
    tarballs[`@corsa/${name}`] = `file:./tarballs/${file}`;
  }
  const versionOf = (name: string) => JSON.parse(readFileSync(join(packageDir('hono'), `../../node_modules/${name}/package.json`), 'utf8')).version;
  // @types/node: @corsa/node's declarations name node:http's types, as an Express app's do.
  // SvelteKit and its peers at the workspace's versions: @corsa/sveltekit's declarations name kit's types.
  // Elysia (whose declarations name Bun's types) likewise.
  const frameworks = Object.fromEntries(
    ['@sveltejs/kit', '@sveltejs/vite-plugin-svelte', 'svelte', 'vite', 'astro', 'elysia', '@types/bun'].map((name) => [name, versionOf(name)]),
  );
  const deps = { ...tarballs, hono: versionOf('hono'), fastify: versionOf('fastify'), '@types/node': versionOf('@types/node'), ...frameworks };
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: deps }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts']);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the packed packages in a fresh project', () => {
  it('installed from tarballs: every package has its files', () => {
    for (const name of PUBLISHED) {
      // core bundles the Public Suffix List (MPL-2.0) and says so in its notices.
      const notices = name === 'core' ? ['THIRD-PARTY-NOTICES.md'] : [];
      // the command line's bin/ holds the file npm links as `corsa`
      const bin = name === 'cli' ? ['bin'] : [];
      // core's public-suffix-list/ points resolvers without package exports (node10) at that entry
      const stub = name === 'core' ? ['public-suffix-list'] : [];
      expect(readdirSync(join(root, 'node_modules/@corsa', name)).sort()).toEqual([
        'LICENSE',
        'README.md',
        ...notices,
        ...bin,
        'dist',
        'package.json',
        ...stub,
      ]);
    }
  });

  it('Node ESM (import)', () => {
    write(
      'esm.mjs',
      `import '@corsa/core/public-suffix-list';
import { createCorsPolicy, evaluateCors } from '@corsa/core';
import { cors } from '@corsa/hono';
import { withCors as workers } from '@corsa/workers';
import { withCors as deno } from '@corsa/deno';
import { withCors as bun } from '@corsa/bun';
import { cors as nodeCors } from '@corsa/node';
import corsa from '@corsa/fastify';
import { withCors as nextRoute } from '@corsa/next';
${SCRIPT_BODY}`,
    );
    expect(JSON.parse(run('node', ['esm.mjs']))).toEqual(EXPECTED);
  });

  it('Node CJS (require)', () => {
    write(
      'cjs.cjs',
      `require('@corsa/core/public-suffix-list');
const { createCorsPolicy, evaluateCors } = require('@corsa/core');
const { cors } = require('@corsa/hono');
const { withCors: workers } = require('@corsa/workers');
const { withCors: deno } = require('@corsa/deno');
const { withCors: bun } = require('@corsa/bun');
const { cors: nodeCors } = require('@corsa/node');
const { corsa } = require('@corsa/fastify');
const { withCors: nextRoute } = require('@corsa/next');
${SCRIPT_BODY}`,
    );
    expect(JSON.parse(run('node', ['cjs.cjs']))).toEqual(EXPECTED);
  });

  it.each(
    COMPILERS.flatMap(({ name, tsc }) =>
      [
        ['node16, ESM', { module: 'node16', moduleResolution: 'node16' }, 'check.ts'] as const,
        ['node16, CJS', { module: 'node16', moduleResolution: 'node16' }, 'check.cts'] as const,
        ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, 'check.ts'] as const,
      ].map(([flavour, options, file]) => [`${name}, ${flavour}`, options, file, tsc] as const),
    ),
  )(
    '%s (tsc --noEmit)',
    (_, options, file, tsc) => {
      const source = `import '@corsa/core/public-suffix-list';
import { type CorsOptions, type CorsPolicy, createCorsPolicy, evaluateCors } from '@corsa/core';
import { cors } from '@corsa/hono';
import { withCors as workers } from '@corsa/workers';
import { withCors as deno } from '@corsa/deno';
import { withCors as bun } from '@corsa/bun';
import { cors as nodeCors } from '@corsa/node';
import corsa from '@corsa/fastify';
import { corsProxy, withCors as nextRoute } from '@corsa/next';
import Fastify from 'fastify';
const options: CorsOptions = { origins: ['https://app.example'], credentials: true };
const policy: CorsPolicy = createCorsPolicy(options);
const answer: Response | Headers = evaluateCors(createCorsPolicy({ origins: '*' }), new Request('https://x/'));
// @ts-expect-error origins: '*' with credentials is a type error for users too
createCorsPolicy({ origins: '*', credentials: true });
export const used = [policy, answer, cors(options), workers(options, { fetch: () => new Response() }), deno(options, () => new Response()), bun(options, {}), nodeCors(options), Fastify().register(corsa, options), nextRoute(options, { GET: () => new Response() }).OPTIONS, corsProxy(options, () => new Response())];
`;
      const dir = `ts-${tsc === TYPESCRIPT_7 ? 7 : 5}-${options.moduleResolution}-${file.split('.').pop()}`;
      write(`${dir}/${file}`, source);
      typecheck(tsc, dir, [file], { ...options, lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'], skipLibCheck: false });
    },
    60_000,
  );

  // ESM only, as SvelteKit is: no require(), no node16 CJS check.
  it('@corsa/sveltekit from Node (import)', () => {
    write(
      'sveltekit.mjs',
      `import { cors } from '@corsa/sveltekit';\nimport { corsaVite } from '@corsa/sveltekit/vite';\nconsole.log(typeof cors({ origins: ['https://app.example'] }), corsaVite().name);\n`,
    );
    expect(run('node', ['sveltekit.mjs']).trim()).toBe('function corsa:vite-cors-off');
  });

  it.each(
    COMPILERS.flatMap(({ name, tsc }) =>
      [['node16', { module: 'node16', moduleResolution: 'node16' }] as const, ['bundler', { module: 'esnext', moduleResolution: 'bundler' }] as const].map(
        ([flavour, options]) => [`${name}, ${flavour}`, options, tsc] as const,
      ),
    ),
  )(
    "@corsa/sveltekit in a SvelteKit app's hooks.server.ts and vite.config.ts, %s (tsc --noEmit)",
    (_, options, tsc) => {
      const dir = `sveltekit-${tsc === TYPESCRIPT_7 ? 7 : 5}-${options.moduleResolution}`;
      write(
        `${dir}/hooks.server.ts`,
        `import { cors } from '@corsa/sveltekit';
import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
export const handle: Handle = sequence(cors({ origins: ['https://app.example'], credentials: true }), ({ event, resolve }) => resolve(event));
export const perTenant: Handle = cors((event) => ({ origins: [event.url.searchParams.get('tenant') ?? 'https://app.example'] }));
// @ts-expect-error origins: '*' with credentials is a type error for users too
cors({ origins: '*', credentials: true });
`,
      );
      write(
        `${dir}/vite.config.ts`,
        `import { sveltekit } from '@sveltejs/kit/vite';
import { corsaVite } from '@corsa/sveltekit/vite';
import { defineConfig } from 'vite';
export default defineConfig({ plugins: [sveltekit(), corsaVite()] });
`,
      );
      // skipLibCheck, as SvelteKit's own tsconfig sets it: kit's and Vite's declarations are theirs to check.
      typecheck(tsc, dir, ['hooks.server.ts', 'vite.config.ts'], { ...options, lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'], skipLibCheck: true });
    },
    60_000,
  );

  // ESM only too: an Astro app's src/middleware.ts, checked and imported.
  it.each(COMPILERS.map(({ name, tsc }) => [name, tsc] as const))(
    "@corsa/astro in an Astro app's src/middleware.ts (tsc --noEmit, %s; and Node imports it)",
    (name, tsc) => {
      const dir = `astro-${tsc === TYPESCRIPT_7 ? 7 : 5}`;
      write(
        `${dir}/middleware.ts`,
        `import { cors } from '@corsa/astro';
import type { MiddlewareHandler } from 'astro';
export const onRequest: MiddlewareHandler = cors({ origins: ['https://app.example'], credentials: true });
export const perSite: MiddlewareHandler = cors((context) => ({ origins: [context.site?.origin ?? 'https://app.example'] }));
// @ts-expect-error origins: '*' with credentials is a type error for users too
export const mistake = () => cors({ origins: '*', credentials: true });
`,
      );
      typecheck(tsc, dir, ['middleware.ts'], {
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: ['node'],
        skipLibCheck: true,
      });
      if (name === COMPILERS[0]?.name) {
        write('astro.mjs', `import { cors } from '@corsa/astro';\nconsole.log(typeof cors({ origins: ['https://app.example'] }));\n`);
        expect(run('node', ['astro.mjs']).trim()).toBe('function');
      }
    },
  );

  // ESM only too; an Elysia app runs on Bun.
  it("@corsa/elysia in an Elysia app on Bun (import), and checked by tsc with Bun's types on both compilers", () => {
    write(
      'elysia/app.ts',
      `import { cors } from '@corsa/elysia';
import { Elysia } from 'elysia';
const app = new Elysia().use(cors({ origins: ['https://app.example'], credentials: true })).get('/', () => 'ok');
const answer = await app.handle(new Request('http://api.example/', { headers: { origin: 'https://app.example' } }));
// never called (it would throw at start-up): only for the compiler
export const mistake = () =>
  // @ts-expect-error origins: '*' with credentials is a type error for users too
  cors({ origins: '*', credentials: true });
console.log(answer.headers.get('access-control-allow-origin'));
`,
    );
    expect(run(bin('bun'), ['run', 'elysia/app.ts']).trim()).toBe('https://app.example');
    for (const { tsc } of COMPILERS) {
      typecheck(tsc, 'elysia', ['app.ts'], { module: 'esnext', moduleResolution: 'bundler', lib: ['esnext'], types: ['bun'], skipLibCheck: true });
    }
  }, 60_000);

  it('Deno (npm: specifiers)', () => {
    write('deno.json', JSON.stringify({ nodeModulesDir: 'manual' }));
    write(
      'deno.ts',
      `import 'npm:@corsa/core/public-suffix-list';
import { createCorsPolicy, evaluateCors } from 'npm:@corsa/core';
import { cors } from 'npm:@corsa/hono';
import { withCors as workers } from 'npm:@corsa/workers';
import { withCors as deno } from 'npm:@corsa/deno';
import { withCors as bun } from 'npm:@corsa/bun';
import { cors as nodeCors } from 'npm:@corsa/node';
import corsa from 'npm:@corsa/fastify';
import { withCors as nextRoute } from 'npm:@corsa/next';
${SCRIPT_BODY}`,
    );
    expect(JSON.parse(run(bin('deno'), ['run', '--allow-read', '--allow-env', 'deno.ts']))).toEqual(EXPECTED);
  }, 60_000);

  it('Bun', () => {
    write('bun.ts', readFileSync(join(root, 'esm.mjs'), 'utf8'));
    expect(JSON.parse(run(bin('bun'), ['run', 'bun.ts']))).toEqual(EXPECTED);
  }, 60_000);

  it('a Worker bundled by wrangler deploy --dry-run', () => {
    write('worker/wrangler.toml', 'name = "consumer"\nmain = "worker.ts"\ncompatibility_date = "2026-01-01"\n');
    write(
      'worker/worker.ts',
      `import { corsOptionsFromEnv } from '@corsa/core';
import { withCors } from '@corsa/workers';
export default withCors((env: Record<string, string>) => corsOptionsFromEnv({ CORS_ORIGINS: 'https://app.example', ...env }), {
  fetch: () => new Response('ok'),
});
`,
    );
    run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', 'out', '--config', 'worker/wrangler.toml'], { WRANGLER_SEND_METRICS: 'false' });
    const outDir = join(root, 'worker/out'); // wrangler resolves --outdir from the config's folder
    const bundle = readdirSync(outDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(outDir, f), 'utf8'))
      .join('\n');
    expect(bundle).toContain('access-control-allow-origin');
    expect(bundle).not.toMatch(/from ['"]@corsa\//); // bundled, not left as an import
  }, 120_000);

  it('npx corsa: the command line from its tarball, with its exit statuses', async () => {
    const npx = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile('npx', ['--no-install', 'corsa', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const api = createServer((req, res) => {
      res.writeHead(200, req.headers.origin === 'http://localhost:5173' ? { 'access-control-allow-origin': req.headers.origin } : {}).end('{}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/items`;
    try {
      expect(await npx(['--version'])).toMatchObject({
        code: 0,
        stdout: `${JSON.parse(readFileSync(join(packageDir('cli'), 'package.json'), 'utf8')).version}\n`,
      });
      expect(await npx(['check', url, '--origin', 'http://localhost:5173'])).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('✓ Allowed by Chromium, Firefox and WebKit'),
      });
      expect(await npx(['check', url, '--origin', 'http://localhost:3000'])).toMatchObject({ code: 1, stdout: expect.stringContaining('no-allow-origin') });
      expect(await npx(['check', url])).toMatchObject({ code: 2, stderr: expect.stringContaining('--origin') });
    } finally {
      api.close();
    }
  }, 60_000);
});
