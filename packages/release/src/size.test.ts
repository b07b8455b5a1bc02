// The size budget. @corsa/core was 8.9 KB minified + gzipped (24 KB minified) at 0.1.0;
// about three quarters of it were the configuration messages, which tell users how to fix
// a policy without the docs. Failing-predicate handling, policy sources, nested-layer
// claims and header ownership brought it to 10.7 KB; the list checks, the four-origin
// probe, content-keyed sources, onError and the guarded hooks to 14.4 KB; cachedOrigins and
// livePolicy (origins from a store) to 16.1 KB, all of which an app that does not import
// them leaves out (the app-level rows below: a list-only app). The Public
// Suffix List (tldts's data, ~44 KB) is an entry of its own, '@corsa/core/public-suffix-list',
// that only apps with a credentialed wildcard import: the app-level rows below prove that a
// list-only app carries none of it. The budgets leave ~10 % headroom: growth past them means
// something unintended got in (a dependency, a second copy of a table, a polyfill).
// Adapters are thin plumbing: 1.5 KB each, Hono's 1.7 KB (it carries the most-specific-path
// rule, wrapped-cors() detection and the Node header source and cleanup: 1.55 KB), Node's
// 2 KB (it writes the answer through Node's own header calls: writeHead's two forms).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { LIBRARIES, packageDir } from './packages.js';

const BUDGET_BYTES: Record<string, number> = {
  core: 17_500,
  hono: 1_700,
  workers: 1_500,
  deno: 1_500,
  bun: 1_500,
  node: 2_000,
  fastify: 1_500,
  next: 1_500,
  sveltekit: 1_500,
  astro: 1_500,
  elysia: 1_500,
};

async function minifiedGzipped(name: string): Promise<number> {
  const result = await build({
    entryPoints: [`${packageDir(name as never)}dist/index.js`],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['@corsa/core', '@corsa/node', 'hono', 'elysia', 'node:http'],
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

it.each(LIBRARIES)('@corsa/%s stays within its size budget (minified + gzipped)', async (name) => {
  const size = await minifiedGzipped(name);
  console.log(`@corsa/${name}: ${size} B min+gz (budget ${BUDGET_BYTES[name]} B)`);
  expect(size).toBeLessThanOrEqual(BUDGET_BYTES[name]!);
});

it('reports the core as users bundle it: no dependency pulled in', () => {
  const pkg = JSON.parse(readFileSync(`${packageDir('core')}package.json`, 'utf8'));
  expect(pkg.dependencies ?? {}).toEqual({});
  // Only the Public Suffix List entry has an effect (it registers the list when imported).
  expect(pkg.sideEffects).toEqual(['./dist/public-suffix-list.js', './dist/public-suffix-list.cjs']);
});

/** An app as a user bundles it (esbuild, as wrangler does; hono external): min+gz bytes and the text. */
async function appBundle(source: string, external = ['hono']): Promise<{ gzipped: number; text: string }> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir('core'), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0]!;
  return { gzipped: gzipSync(output.contents, { level: 9 }).length, text: output.text };
}

// Labels only the Public Suffix List's data holds.
const LIST_LABELS = ['myshopify', 'blogspot', 'amazonaws'];

const APPS = {
  'a list-only @corsa/hono app': "import { cors } from '@corsa/hono'; export default cors({ origins: ['https://app.example.com'], credentials: true });",
  'a list-only @corsa/workers app':
    "import { withCors } from '@corsa/workers'; export default withCors({ origins: ['https://app.example.com'] }, { fetch: () => new Response('ok') });",
  'a credentialed-wildcard @corsa/hono app':
    "import '@corsa/core/public-suffix-list'; import { cors } from '@corsa/hono'; export default cors({ origins: ['https://*.example.com'], credentials: true });",
} as const;

// What users compare with: hono's own middleware, the same policy, bundled the same way
// (hono/cors imports nothing else); printed beside each row.
const HONO_CORS_APP = "import { cors } from 'hono/cors'; export default cors({ origin: ['https://app.example.com'], credentials: true });";

it.each(Object.entries(APPS))('%s: what it adds, and whether it carries the Public Suffix List', async (name, source) => {
  const { gzipped, text } = await appBundle(source);
  const carriesList = name.includes('wildcard');
  const honoCors = (await appBundle(HONO_CORS_APP, [])).gzipped;
  console.log(`${name}: ${gzipped} B min+gz (${carriesList ? 'with' : 'without'} the Public Suffix List; hono/cors, a list: ${honoCors} B)`);
  for (const label of LIST_LABELS) expect(text.includes(label)).toBe(carriesList);
  expect(gzipped).toBeLessThanOrEqual(carriesList ? 64_000 : 16_000);
});
