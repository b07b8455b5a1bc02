// In the runtime where it matters: Node ends a process on an unhandled rejection, so a
// rejecting onRefusal must not reach one. Runs the built package in a child process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const SCRIPT = `
import { createCorsPolicy, evaluateCors, withCors } from ${JSON.stringify(dist)};
const policy = createCorsPolicy({ origins: ['https://app.example'], onRefusal: async () => { throw new Error('log sink down'); } });
const handler = withCors(policy, () => new Response('ok'));
for (let i = 0; i < 3; i++) {
  const response = await handler(new Request('http://127.0.0.1/', { headers: { origin: 'https://evil.example' } }));
  console.log(response.status, await response.text());
}
await new Promise((resolve) => setTimeout(resolve, 50));
console.log('still running');
`;

describe('onRefusal in Node', () => {
  it('an async hook that rejects on every refused request does not end the process', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT]);
    expect(stdout).toBe('200 ok\n200 ok\n200 ok\nstill running\n');
    expect(stderr).toContain('log sink down');
  });
});
