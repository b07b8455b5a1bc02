import { fileURLToPath } from 'node:url';
import { bootAndCheckExample, expectTryItAllowed, runToCompletion, startServerProcess, withServer } from '@corsa/testkit';
import { expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const deno = fileURLToPath(new URL('../../node_modules/.bin/deno', import.meta.url));

it('boots in Deno from CORS_* variables and answers a real preflight and request', async () => {
  await bootAndCheckExample(
    () =>
      startServerProcess(deno, ['run', '--allow-net', '--allow-env', 'main.ts'], {
        cwd,
        env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com', CORS_CREDENTIALS: 'false' },
      }),
    '/api/hello',
    'https://app.example.com',
    false,
  );
});

it('type-checks with deno check', async () => {
  const { code, output } = await runToCompletion(deno, ['check', 'main.ts'], { cwd });
  expect(output).not.toMatch(/error/i);
  expect(code).toBe(0);
});

it("its banner's corsa check line (the local-development defaults) ends allowed over a 2xx", async () => {
  await withServer(
    () => startServerProcess(deno, ['run', '--allow-net', '--allow-env', 'main.ts'], { cwd, env: { PORT: '0' } }),
    (baseUrl) => expectTryItAllowed(baseUrl),
  );
}, 60_000);
