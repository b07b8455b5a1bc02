// The TypeScript compilers users have, as the tests run them: 7.x (the native compiler,
// npm's `latest`) and 5.9, both installed by `npm install` (7.x under the alias
// `typescript7`). Scripts name each by path: both packages link a `tsc` bin, and which one
// node_modules/.bin/tsc ends up as depends on install order.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** TypeScript 5.9's `tsc` (the `typescript` package). */
export const TYPESCRIPT_5 = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
/** TypeScript 7's `tsc` (the `typescript7` alias of `typescript@7`). */
export const TYPESCRIPT_7 = join(dirname(require.resolve('typescript7/package.json')), 'bin/tsc');

export const COMPILERS = [
  { name: 'TypeScript 7', tsc: TYPESCRIPT_7 },
  { name: 'TypeScript 5.9', tsc: TYPESCRIPT_5 },
] as const;

/** One error as `tsc --pretty false` prints it: where, and the whole text (continuation lines included). */
export interface CompilerError {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Compiles the project in `dir` with `tsc` and returns its errors in the order printed. */
export function compileErrors(tsc: string, dir: string): Promise<CompilerError[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: dir, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && !stdout) return reject(new Error(`${tsc} failed without diagnostics: ${stderr}`));
      const errors: { file: string; line: number; lines: string[] }[] = [];
      for (const line of stdout.split('\n')) {
        const head = /^(.+?)\((\d+),\d+\): error TS\d+: (.*)$/.exec(line);
        if (head) errors.push({ file: head[1] as string, line: Number(head[2]), lines: [head[3] as string] });
        else if (line.trim() !== '' && errors.length > 0) errors.at(-1)?.lines.push(line.trim());
      }
      resolve(errors.map(({ file, line, lines }) => ({ file, line, text: lines.join('\n') })));
    });
  });
}
