// Boots the example with `wrangler dev` (workerd), using the [vars] of its wrangler.toml.
import { fileURLToPath } from 'node:url';
import { bootAndCheckExample, freePort, startServerProcess } from '@corsa/testkit';
import { it } from 'vitest';

const cwd = fileURLToPath(new URL('.', import.meta.url));
const wrangler = fileURLToPath(new URL('../../node_modules/.bin/wrangler', import.meta.url));

it('boots under wrangler dev from wrangler.toml [vars] and answers a real preflight and request', async () => {
  const port = await freePort();
  await bootAndCheckExample(
    () =>
      startServerProcess(wrangler, ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'], {
        cwd,
        env: { WRANGLER_SEND_METRICS: 'false' },
        timeoutMs: 90_000,
      }),
    '/api/hello',
    'http://localhost:5173',
    true,
  );
}, 120_000);
