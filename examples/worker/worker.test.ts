// Boots the example with `wrangler dev` (workerd), using the [vars] of its wrangler.toml.
import { fileURLToPath } from 'node:url';
import { bootAndCheckExample, expectTryItAllowed, startWranglerDev } from '@corsa/testkit';
import { it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));

it('boots under wrangler dev from wrangler.toml [vars] and answers a real preflight and request', async () => {
  await bootAndCheckExample(
    async () => {
      const server = await startWranglerDev(cwd);
      await expectTryItAllowed(server.baseUrl); // the banner's corsa check line: allowed over a 2xx
      return server;
    },
    '/api/hello',
    'http://localhost:5173',
    true,
  );
}, 120_000);
