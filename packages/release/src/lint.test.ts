// publint and @arethetypeswrong/cli on every published package, as packed by npm.
import { execFileSync } from 'node:child_process';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';
import { bin, PUBLISHED, packageDir } from './packages.js';

describe.each(PUBLISHED)('@corsa/%s', (name) => {
  it('is publint-clean (no error, warning or suggestion)', async () => {
    const { messages } = await publint({ pkgDir: packageDir(name), strict: true, level: 'suggestion' });
    expect(messages).toEqual([]);
  });

  it('has types that resolve under node10, node16 (CJS and ESM) and bundler (attw)', () => {
    let output: string;
    try {
      output = execFileSync(bin('attw'), ['--pack', '.', '--format', 'json'], { cwd: packageDir(name), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      output = (error as { stdout: string }).stdout; // attw exits 1 when it finds problems
    }
    const report = JSON.parse(output.slice(output.indexOf('{')));
    expect(report.analysis.problems).toEqual([]);
    expect(report.problems).toEqual({}); // attw groups problems by kind here
  }, 60_000);
});
