// Every TypeScript block in the docs is type-checked against the built packages, with the
// types of the runtime it is written for (the fence's info string): `ts` with Node's and
// the DOM's, `ts worker` with @cloudflare/workers-types, `ts bun` with Bun's, `ts deno`
// with `deno check`. A block that stops compiling fails here, with its file and line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TYPESCRIPT_5, TYPESCRIPT_7 } from './compilers.js';
import { bin, PUBLISHED } from './packages.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const work = fileURLToPath(new URL('../.doc-blocks/', import.meta.url));

const DOCS = [
  'README.md',
  'SECURITY.md',
  'BENCHMARKS.md',
  ...readdirSync(join(repo, 'docs')).map((f) => `docs/${f}`),
  ...PUBLISHED.map((p) => `packages/${p}/README.md`),
].filter((f) => f.endsWith('.md'));

type Flavor = 'node' | 'worker' | 'bun' | 'deno';
interface Block {
  file: string;
  line: number;
  flavor: Flavor;
  code: string;
  name: string;
}

function blocksOf(file: string): Block[] {
  const text = readFileSync(join(repo, file), 'utf8');
  const blocks: Block[] = [];
  const fence = /^```(ts|typescript)([^\n]*)\n([\s\S]*?)^```/gm;
  for (const match of text.matchAll(fence)) {
    const info = match[2]!.trim();
    const flavor: Flavor = info.includes('worker') ? 'worker' : info.includes('deno') ? 'deno' : info.includes('bun') ? 'bun' : 'node';
    const line = text.slice(0, match.index).split('\n').length + 1;
    blocks.push({ file, line, flavor, code: match[3]!, name: `${file.replace(/[/.]/g, '_')}_L${line}.ts` });
  }
  return blocks;
}

const ALL = DOCS.flatMap(blocksOf);

const COMPILER: Record<Exclude<Flavor, 'deno'>, Record<string, unknown>> = {
  node: { lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'] },
  worker: { lib: ['es2022'], types: ['@cloudflare/workers-types'] },
  bun: { lib: ['esnext'], types: ['bun'] },
};

function check(flavor: Flavor, blocks: Block[], tsc = TYPESCRIPT_5): string {
  const dir = join(work, tsc === TYPESCRIPT_7 ? `${flavor}-ts7` : flavor);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const block of blocks) writeFileSync(join(dir, block.name), `export {};\n${block.code}`);
  try {
    if (flavor === 'deno') {
      // nodeModulesDir manual: npm: specifiers resolve from the workspace's node_modules (the built packages).
      writeFileSync(
        join(dir, 'deno.json'),
        JSON.stringify({ nodeModulesDir: 'manual', compilerOptions: { lib: ['deno.window', 'deno.ns', 'deno.unstable'], strict: true } }),
      );
      execFileSync(bin('deno'), ['check', ...blocks.map((b) => b.name)], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
    } else {
      const compilerOptions = {
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        ...COMPILER[flavor],
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: blocks.map((b) => b.name) }));
      execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    }
    return '';
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    // Point every error at the Markdown file and line it came from.
    return blocks.reduce((text, b) => text.replaceAll(b.name, `${b.file}:${b.line}+`), output.replaceAll(`${relative(repo, dir)}/`, ''));
  }
}

describe('code blocks in the docs', () => {
  it('finds the blocks of every flavour', () => {
    const flavors = new Set(ALL.map((b) => b.flavor));
    expect([...flavors].sort()).toEqual(['bun', 'deno', 'node', 'worker']);
    expect(ALL.length).toBeGreaterThanOrEqual(19);
  });

  it.each(['node', 'worker', 'bun', 'deno'] as Flavor[])(
    '`ts %s` blocks type-check',
    (flavor) => {
      const blocks = ALL.filter((b) => b.flavor === flavor);
      expect(check(flavor, blocks)).toBe('');
    },
    120_000,
  );

  // What users compile with today (npm's latest); the blocks above use 5.9. Deno has its own.
  it.each(['node', 'worker', 'bun'] as Flavor[])(
    '`ts %s` blocks type-check with TypeScript 7',
    (flavor) => {
      const blocks = ALL.filter((b) => b.flavor === flavor);
      expect(check(flavor, blocks, TYPESCRIPT_7)).toBe('');
    },
    120_000,
  );
});

// @corsa/core's README is its npm page, so it carries the options and pattern tables
// itself; they are copies of the root README's and must not drift from them.
describe("@corsa/core's npm page", () => {
  const tableAfter = (file: string, header: string) => {
    const text = readFileSync(join(repo, file), 'utf8');
    const start = text.indexOf(header);
    return start < 0 ? '' : text.slice(start, text.indexOf('\n\n', start));
  };
  it.each(['| option | what it does (exact headers) | default |', '| pattern | matches | does not match |'])("has the root README's table %s", (header) => {
    const root = tableAfter('README.md', header);
    expect(root).not.toBe('');
    expect(tableAfter('packages/core/README.md', header)).toBe(root);
  });
});
