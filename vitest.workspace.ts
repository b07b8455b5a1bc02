// The list of test projects: one per package, each running in Node (adapters add the
// projects that drive their own runtimes). vitest 4 no longer reads this file by itself;
// vitest.config.ts imports it as `test.projects`.
import type { TestProjectInlineConfiguration } from 'vitest/config';

// On this 2-core machine vitest would run one file at a time (cores - 1). Most files wait
// on servers, builds and installs rather than compute, so they run two at a time (group 0);
// the browser suites keep both cores busy on their own (three engines per case) and run
// alone afterwards (group 1), as does the soak test, which measures memory growth (group 2).
const TWO_AT_A_TIME = { sequence: { groupOrder: 0 }, maxWorkers: 2 } as const;
const BROWSERS_ALONE = { sequence: { groupOrder: 1 }, maxWorkers: 1 } as const;
const SOAK_ALONE = { sequence: { groupOrder: 2 }, maxWorkers: 1 } as const;

export const projects: TestProjectInlineConfiguration[] = [
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'core',
      root: './packages/core',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // Type-level tests (src/*.test-d.ts) are compiled by `npm run typecheck` (tsc), where a
      // failed expectTypeOf or an unused @ts-expect-error is an error; vitest's own type
      // runner only added an "experimental" warning to every run.
      // The Public Suffix List registered as an app with a credentialed wildcard would
      // (import '@corsa/core/public-suffix-list'); test/public-suffix-list.test.ts proves
      // in child processes what happens without it.
      setupFiles: ['../testkit/src/quiet-patch-warning.ts', './src/public-suffix-list.ts'],
    },
  },
  {
    test: {
      ...SOAK_ALONE,
      name: 'testkit',
      root: './packages/testkit',
      include: ['src/**/*.test.ts'],
      testTimeout: 180_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'hono',
      root: './packages/hono',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'workers',
      root: './packages/workers',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'deno',
      root: './packages/deno',
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'bun',
      root: './packages/bun',
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'node',
      root: './packages/node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'fastify',
      root: './packages/fastify',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'next',
      root: './packages/next',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 300_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'elysia',
      root: './packages/elysia',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'astro',
      root: './packages/astro',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 300_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'sveltekit',
      root: './packages/sveltekit',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 300_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'examples',
      root: './examples',
      include: ['*/*.test.ts'],
      testTimeout: 60_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'cli',
      root: './packages/cli',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      globalSetup: ['./test/global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'bench',
      root: './packages/bench',
      include: ['src/**/*.test.ts'],
    },
  },
  {
    test: {
      ...BROWSERS_ALONE,
      name: 'browser',
      root: './packages/browser',
      include: ['src/**/*.test.ts'],
      globalSetup: ['./src/global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 600_000,
    },
  },
  {
    test: {
      ...TWO_AT_A_TIME,
      name: 'release',
      root: './packages/release',
      include: ['src/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 600_000,
    },
  },
];

export default projects;
