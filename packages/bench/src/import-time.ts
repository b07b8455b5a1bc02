// What importing Corsa costs a process at start-up (issue 23): each module imported in a fresh
// Node process, its import timed from inside (performance.now() around `await import()`),
// interleaved over rounds, medians. Packages are imported as an installed app imports them:
// from a node_modules of plain copies (the workspace's symlinks add a realpath walk), next to
// a package that exports nothing, so that "over an empty package" is what the module itself
// costs (the first bare specifier of a process costs Node ~3 ms whatever it names).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '@corsa/testkit';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ROUNDS = 15;

/** What is imported, and what the row is called. */
const MODULES: readonly (readonly [specifier: string, label: string])[] = [
  ['empty', 'a package that exports nothing'],
  ['@corsa/core', '@corsa/core'],
  ['hono/cors', 'hono/cors (hono’s own CORS middleware)'],
  ['@corsa/hono', '@corsa/hono (imports @corsa/core and hono)'],
  ['hono', 'hono (what an app imports anyway)'],
];

/** A node_modules with copies of the packages as npm installs them. */
function installCopies(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corsa-import-'));
  const modules = join(dir, 'node_modules');
  writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}');
  mkdirSync(join(modules, 'empty'), { recursive: true });
  writeFileSync(join(modules, 'empty', 'package.json'), '{"name":"empty","type":"module","exports":{".":"./index.js"}}');
  writeFileSync(join(modules, 'empty', 'index.js'), 'export {};\n');
  for (const name of ['core', 'hono']) {
    for (const part of ['package.json', 'dist']) cpSync(join(ROOT, 'packages', name, part), join(modules, '@corsa', name, part), { recursive: true });
  }
  cpSync(join(ROOT, 'node_modules', 'hono'), join(modules, 'hono'), { recursive: true, dereference: true });
  return dir;
}

function importMs(dir: string, specifier: string): number {
  const script = `const started = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - started);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' }));
}

/** The Markdown table of import times. */
export function runImportTime(): string {
  const dir = installCopies();
  try {
    const times = new Map<string, number[]>(MODULES.map(([specifier]) => [specifier, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [specifier] of MODULES) times.get(specifier)?.push(importMs(dir, specifier));
    }
    const empty = median(times.get('empty') ?? []);
    const lines = [
      '### Import time (a fresh Node process, from an installed node_modules)',
      '',
      `Node ${process.version}; median of ${ROUNDS} interleaved rounds; "over empty" subtracts the import of a package that exports nothing.`,
      '',
      '| module | import | over empty |',
      '|---|---:|---:|',
    ];
    for (const [specifier, label] of MODULES) {
      const ms = median(times.get(specifier) ?? []);
      lines.push(`| ${label} | ${ms.toFixed(1)} ms | ${specifier === 'empty' ? '—' : `${(ms - empty).toFixed(1)} ms`} |`);
    }
    return `${lines.join('\n')}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
