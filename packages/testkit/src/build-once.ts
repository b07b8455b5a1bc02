// Framework test apps (Next.js, SvelteKit) are built once per run and again only when what
// they are built from changed: a stamp (a hash of the inputs) beside the build, and a lock
// directory so that test files running side by side wait for one build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, skipping directories named in `skip` (build output, caches). */
export function filesUnder(dir: string, skip: readonly string[] = ['node_modules']): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (skip.includes(name)) return [];
    return statSync(path).isDirectory() ? filesUnder(path, skip) : [path];
  });
}

export interface BuildOnce {
  /** The files the build depends on. */
  readonly inputs: () => string[];
  /** Where the stamp of the last build is written (inside the build's output). */
  readonly stampFile: string;
  /** The lock directory (outside the build's output, which the build may empty). */
  readonly lockDir: string;
  /** Builds; throws when the build fails. */
  readonly build: () => void;
}

/** Runs `build` unless the last build was made from the same inputs; waits for a build another file is making. */
export async function buildOnce({ inputs, stampFile, lockDir, build }: BuildOnce): Promise<void> {
  for (;;) {
    const hash = createHash('sha256');
    for (const file of [...inputs()].sort()) hash.update(file).update(readFileSync(file));
    const stamp = hash.digest('hex');
    if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
    try {
      mkdirSync(lockDir);
    } catch {
      // Another file is building: wait for it, then look again. A lock older than the
      // longest build is a crashed run's.
      if (Date.now() - statSync(lockDir).mtimeMs > 300_000) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    try {
      build();
      writeFileSync(stampFile, stamp);
      return;
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}
