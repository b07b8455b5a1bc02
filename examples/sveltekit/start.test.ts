import { fileURLToPath } from 'node:url';
import { checkExample, expectTryItAllowed, startServerProcess, withServer } from '@corsa/testkit';
import { expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

// One build (vite build takes most of the time), both checks on the server it starts.
it('builds, boots from CORS_* variables, answers a real preflight and request, and its corsa check line ends allowed over a 2xx', async () => {
  await withServer(
    () =>
      startServerProcess(tsx, ['start.ts'], {
        cwd,
        env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com,http://localhost:*', CORS_CREDENTIALS: 'true' },
        timeoutMs: 180_000,
      }),
    async (baseUrl) => {
      await checkExample(baseUrl, '/api/hello', 'https://app.example.com', true);
      await expectTryItAllowed(baseUrl);
    },
  );
}, 240_000);

it('refuses to start on a bad CORS_* value, naming the variable (before building)', async () => {
  await expect(startServerProcess(tsx, ['start.ts'], { cwd, env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com/' } })).rejects.toThrow(
    /CORS_ORIGINS\[0\]: 'https:\/\/app.example.com\/' ends with '\/'/,
  );
});
