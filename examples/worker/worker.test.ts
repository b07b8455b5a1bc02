// Boots the example with `wrangler dev` (workerd), using the [vars] of its wrangler.toml.
import { fileURLToPath } from 'node:url';
import { bootAndCheckExample, startWranglerDev } from '@corsa/testkit';
import { it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));

it('boots under wrangler dev from wrangler.toml [vars] and answers a real preflight and request', async () => {
  await bootAndCheckExample(() => startWranglerDev(cwd), '/api/hello', 'http://localhost:5173', true);
}, 120_000);
