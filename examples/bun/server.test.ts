import { fileURLToPath } from 'node:url';
import { checkExample, startServerProcess } from '@corsa/testkit';
import { it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const bun = fileURLToPath(new URL('../../node_modules/.bin/bun', import.meta.url));

it('boots in Bun from CORS_* variables and answers a real preflight and request', async () => {
  const server = await startServerProcess(bun, ['run', 'server.ts'], {
    cwd,
    env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com', CORS_CREDENTIALS: 'true' },
  });
  try {
    await checkExample(server.baseUrl, '/api/hello', 'https://app.example.com', true);
  } finally {
    await server.stop();
  }
});
