import { fileURLToPath } from 'node:url';
import { bootAndCheckExample, expectTryItAllowed, startServerProcess, withServer } from '@corsa/testkit';
import { expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

it('boots from CORS_* variables and answers a real preflight and request', async () => {
  await bootAndCheckExample(
    () =>
      startServerProcess(tsx, ['server.ts'], {
        cwd,
        env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com,http://localhost:*', CORS_CREDENTIALS: 'true' },
      }),
    '/api/hello',
    'https://app.example.com',
    true,
  );
});

it("its banner's corsa check line (the local-development defaults) ends allowed over a 2xx", async () => {
  await withServer(
    () => startServerProcess(tsx, ['server.ts'], { cwd, env: { PORT: '0' } }),
    (baseUrl) => expectTryItAllowed(baseUrl),
  );
}, 60_000);

it('refuses to start on a bad CORS_* value, naming the variable', async () => {
  await expect(startServerProcess(tsx, ['server.ts'], { cwd, env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com/' } })).rejects.toThrow(
    /CORS_ORIGINS\[0\]: 'https:\/\/app.example.com\/' ends with '\/'/,
  );
});
