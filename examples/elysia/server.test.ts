import { fileURLToPath } from 'node:url';
import { bootAndCheckExample, expectTryItAllowed, startServerProcess, withServer } from '@corsa/testkit';
import { it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const bun = fileURLToPath(new URL('../../node_modules/.bin/bun', import.meta.url));

it('boots in Elysia on Bun from CORS_* variables and answers a real preflight and request', async () => {
  await bootAndCheckExample(
    () =>
      startServerProcess(bun, ['run', 'server.ts'], {
        cwd,
        env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com', CORS_CREDENTIALS: 'true' },
      }),
    '/api/hello',
    'https://app.example.com',
    true,
  );
});

it("its banner's corsa check line (the local-development defaults) ends allowed over a 2xx", async () => {
  await withServer(
    () => startServerProcess(bun, ['run', 'server.ts'], { cwd, env: { PORT: '0' } }),
    (baseUrl) => expectTryItAllowed(baseUrl),
  );
}, 60_000);
