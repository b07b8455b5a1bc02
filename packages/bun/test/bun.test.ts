// @corsa/bun in Bun (the binary from npm): its own `bun test` suite, and the shared
// vectors over HTTP against the app served through `fetch` and through `routes`.
import { fileURLToPath } from 'node:url';
import { runAdapterVectors, runToCompletion, startServerProcess } from '@corsa/testkit';
import { expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const bun = fileURLToPath(new URL('../../../node_modules/.bin/bun', import.meta.url));

it('passes its bun test suite', async () => {
  const { code, output } = await runToCompletion(bun, ['test', './test/adapter_test.ts'], { cwd });
  expect(output).toMatch(/\b20 pass\s+0 fail/);
  expect(code).toBe(0);
}, 120_000);

runAdapterVectors('@corsa/bun with Bun.serve({ fetch })', (upstream) =>
  startServerProcess(bun, ['run', 'test/server.ts'], { cwd, env: { UPSTREAM: upstream } }),
);

runAdapterVectors('@corsa/bun with Bun.serve({ routes })', (upstream) =>
  startServerProcess(bun, ['run', 'test/server.ts'], { cwd, env: { UPSTREAM: upstream, ROUTES: '1' } }),
);
