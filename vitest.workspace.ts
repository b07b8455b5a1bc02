// The list of test projects: one per package, each running in Node (adapters add the
// projects that drive their own runtimes). vitest 4 no longer reads this file by itself;
// vitest.config.ts imports it as `test.projects`.
import type { TestProjectInlineConfiguration } from 'vitest/config';

export const projects: TestProjectInlineConfiguration[] = [
  {
    test: {
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
      name: 'testkit',
      root: './packages/testkit',
      include: ['src/**/*.test.ts'],
      testTimeout: 180_000,
    },
  },
  {
    test: {
      name: 'hono',
      root: './packages/hono',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    },
  },
  {
    test: {
      name: 'workers',
      root: './packages/workers',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      name: 'deno',
      root: './packages/deno',
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      name: 'bun',
      root: './packages/bun',
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      name: 'node',
      root: './packages/node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      name: 'fastify',
      root: './packages/fastify',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      name: 'next',
      root: './packages/next',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 300_000,
    },
  },
  {
    test: {
      name: 'examples',
      root: './examples',
      include: ['*/*.test.ts'],
      testTimeout: 60_000,
    },
  },
  {
    test: {
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
      name: 'bench',
      root: './packages/bench',
      include: ['src/**/*.test.ts'],
    },
  },
  {
    test: {
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
      name: 'release',
      root: './packages/release',
      include: ['src/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 600_000,
    },
  },
];

export default projects;
