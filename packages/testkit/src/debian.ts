// The project installs what its tests need from Debian's packages itself (never a
// downloaded binary): when `present()` is false, `apt-get install` runs (root, as on CI).
// A package that cannot be installed is a clear failure, never a silent skip.
import { execFileSync } from 'node:child_process';

let updated = false;

/** Installs `packages` with apt-get unless `present()` says they are there already. */
export function ensureDebianPackages(what: string, present: () => boolean, packages: string[]): void {
  if (present()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${what} is missing; install Debian's ${packages.join(' ')} (sudo apt-get install ${packages.join(' ')}) and run the tests again.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (!updated) {
    run(['update', '-qq']);
    updated = true;
  }
  run(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  if (!present()) throw new Error(`${what} is still missing after apt-get install ${packages.join(' ')}.`);
}
