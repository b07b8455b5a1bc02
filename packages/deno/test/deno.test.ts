// @corsa/deno in Deno (the binary from npm): its own `deno test` suite, and the shared
// vectors over HTTP against both the Deno.serve form and the `deno serve` form.
import { fileURLToPath } from 'node:url';
import { runAdapterVectors, runToCompletion, startServerProcess } from '@corsa/testkit';
import { expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const deno = fileURLToPath(new URL('../../../node_modules/.bin/deno', import.meta.url));

it('passes its deno test suite', async () => {
  const { code, output } = await runToCompletion(deno, ['test', '--allow-net', '--allow-env', 'test/adapter_test.ts'], { cwd });
  expect(output).toMatch(/ok \| 11 passed \| 0 failed/);
  expect(code).toBe(0);
}, 120_000);

// A thrown error is answered inside the wrapper (a 500 with the CORS answer), before
// Deno.serve's own onError could answer it without one.
runAdapterVectors('@corsa/deno with Deno.serve(handler)', (upstream) =>
  startServerProcess(deno, ['run', '--allow-net', '--allow-env', 'test/server.ts'], { cwd, env: { UPSTREAM: upstream } }),
);

runAdapterVectors('@corsa/deno with deno serve (export default { fetch })', (upstream) =>
  startServerProcess(deno, ['serve', '--allow-net', '--allow-env', '--host', '127.0.0.1', '--port', '0', 'test/serve-default.ts'], {
    cwd,
    env: { UPSTREAM: upstream },
  }),
);
