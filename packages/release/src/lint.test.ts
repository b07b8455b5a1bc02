// publint and @arethetypeswrong/cli on every published package, as packed by npm.
import { execFileSync } from 'node:child_process';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';
import { bin, ESM_ONLY, PUBLISHED, packageDir } from './packages.js';

describe.each(PUBLISHED)('@corsa/%s', (name) => {
  it('is publint-clean (no error, warning or suggestion)', async () => {
    const { messages } = await publint({ pkgDir: packageDir(name), strict: true, level: 'suggestion' });
    expect(messages).toEqual([]);
  });

  // The ESM-only packages' types are checked for ESM resolutions (attw's esm-only
  // profile; its JSON still lists the ignored ones, so they are dropped here).
  const esmOnly = ESM_ONLY.includes(name);
  const profile = esmOnly ? ['--profile', 'esm-only'] : [];
  const ignored = new Set(esmOnly ? ['node10', 'node16-cjs'] : []);
  it(`has types that resolve under ${esmOnly ? 'node16 (ESM) and bundler' : 'node10, node16 (CJS and ESM) and bundler'} (attw)`, () => {
    let output: string;
    try {
      output = execFileSync(bin('attw'), ['--pack', '.', '--format', 'json', ...profile], {
        cwd: packageDir(name),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      output = (error as { stdout: string }).stdout; // attw exits 1 when it finds problems
    }
    const report = JSON.parse(output.slice(output.indexOf('{')));
    const problems = (report.analysis.problems as { resolutionKind?: string }[]).filter((problem) => !ignored.has(problem.resolutionKind ?? ''));
    expect(problems).toEqual([]);
    if (ignored.size === 0) expect(report.problems).toEqual({}); // attw groups problems by kind here
  }, 60_000);
});
