import { fileURLToPath } from 'node:url';
import { bootAndCheckExample, startServerProcess } from '@corsa/testkit';
import { expect, it } from 'vitest';
import { corsa } from '../../packages/cli/test/run.js';

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

it("its banner's corsa check line ends allowed, over a 2xx", async () => {
  const server = await startServerProcess(tsx, ['server.ts'], { cwd, env: { PORT: '0' } });
  try {
    const run = await corsa(
      'check',
      `${server.baseUrl}/api/items/1`,
      '--origin',
      'http://localhost:5173',
      '--method',
      'PUT',
      '--header',
      'Content-Type: application/json',
    );
    expect(run.stdout).toContain('✓ Allowed by Chromium, Firefox and WebKit.');
    expect(run.stdout).toMatch(/← 200 OK/);
    expect(run.code).toBe(0);
  } finally {
    await server.stop();
  }
});

it('refuses to start on a bad CORS_* value, naming the variable', async () => {
  await expect(startServerProcess(tsx, ['server.ts'], { cwd, env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com/' } })).rejects.toThrow(
    /CORS_ORIGINS\[0\]: 'https:\/\/app.example.com\/' ends with '\/'/,
  );
});
