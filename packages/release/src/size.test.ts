// The size budget. @corsa/core was 8.9 KB minified + gzipped (24 KB minified) at 0.1.0;
// about three quarters of it were the configuration messages, which tell users how to fix
// a policy without the docs. Failing-predicate handling, policy sources, nested-layer
// claims and header ownership brought it to 10.7 KB; the whole Public Suffix List (tldts's
// data, bundled: ~44 KB) and the list checks to 58 KB. The budget leaves ~10 % headroom:
// growth past it means something unintended got in (a dependency, a second copy of a
// table, a polyfill). Adapters are thin plumbing: 1.5 KB each (Hono's, the largest, carries
// the most-specific-path rule and the Node header source: 1.1 KB).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { LIBRARIES, packageDir } from './packages.js';

const BUDGET_BYTES: Record<string, number> = { core: 64_000, hono: 1_500, workers: 1_500, deno: 1_500, bun: 1_500 };

async function minifiedGzipped(name: string): Promise<number> {
  const result = await build({
    entryPoints: [`${packageDir(name as never)}dist/index.js`],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['@corsa/core', 'hono'],
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
  expect(pkg.sideEffects).toBe(false);
});
