import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { projects } from './vitest.workspace.ts';

// The files that take longest in their group start first, so that the two workers of the
// group finish together: on a fresh clone vitest has no timings and starts the largest
// files first, which left the fresh clone (about 200 s) for last. The rest keep vitest's order.
const SLOWEST_FIRST = ['release/src/fresh-clone.test.ts', 'release/src/consumers.test.ts', 'release/src/lint.test.ts', 'browser/src/cli-agreement.test.ts'];
const rank = (file: TestSpecification) => {
  const index = SLOWEST_FIRST.findIndex((path) => file.moduleId.endsWith(path));
  return index < 0 ? SLOWEST_FIRST.length : index;
};

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b)); // stable: ties keep vitest's order
  }
}

export default defineConfig({
  test: {
    projects,
    sequence: { sequencer: SlowestFirst },
  },
});
