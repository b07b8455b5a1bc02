// The check every example's test runs: a real preflight and a real request over HTTP.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { RunningServer } from './adapter-vectors.js';
import { runToCompletion, startServerProcess } from './runtimes.js';

/** Sends an allowed preflight, an allowed GET, and a refused preflight to `baseUrl + path`. */
export async function checkExample(baseUrl: string, path: string, allowedOrigin: string, credentials: boolean): Promise<void> {
  const preflight = await fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: { origin: allowedOrigin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  expect(preflight.headers.get('access-control-allow-credentials')).toBe(credentials ? 'true' : null);

  const get = await fetch(`${baseUrl}${path}`, { headers: { origin: allowedOrigin } });
  expect(get.status).toBe(200);
  expect(await get.json()).toHaveProperty('hello');
  expect(get.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  expect(get.headers.get('vary')).toMatch(/origin/i);

  const refused = await fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
  });
  expect(refused.status).toBe(403);
  expect(refused.headers.get('access-control-allow-origin')).toBeNull();
}

/** Boots a server with `start`, runs `use` against its base URL, and always stops it. */
export async function withServer(start: () => Promise<RunningServer>, use: (baseUrl: string) => Promise<void>): Promise<void> {
  const server = await start();
  try {
    await use(server.baseUrl);
  } finally {
    await server.stop();
  }
}

/** Boots an example with `start`, runs `checkExample` against it, and always stops it. */
export function bootAndCheckExample(start: () => Promise<RunningServer>, path: string, allowedOrigin: string, credentials: boolean): Promise<void> {
  return withServer(start, (baseUrl) => checkExample(baseUrl, path, allowedOrigin, credentials));
}

/**
 * The "Try it" line every example prints (examples/shared/banner.ts), run with the installed
 * `corsa` bin as a user runs it: it must end allowed by the three engines, over a 2xx.
 */
export async function expectTryItAllowed(baseUrl: string): Promise<void> {
  const corsa = fileURLToPath(new URL('../../../node_modules/.bin/corsa', import.meta.url));
  const args = ['check', `${baseUrl}/api/items/1`, '--origin', 'http://localhost:5173', '--method', 'PUT', '--header', 'Content-Type: application/json'];
  const { code, output } = await runToCompletion(corsa, args);
  expect(output).toContain('✓ Allowed by Chromium, Firefox and WebKit.');
  expect(output).toMatch(/← 20\d /);
  expect(output).not.toContain('an error of the server');
  expect(code).toBe(0);
}

/**
 * The test of an example whose start.ts builds the app, then serves it (Next.js, SvelteKit,
 * Astro): a bad CORS_* value stops it before the build, naming the variable. That it
 * builds, boots from CORS_* variables, answers a real preflight and request and that its
 * banner's `corsa check` line ends allowed is tested once, on a fresh clone, as the README
 * starts it (packages/release/src/fresh-clone.test.ts): a second build here cost the suite
 * about 40 s of two cores.
 */
export function testBuiltExample(exampleDir: string): void {
  const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
  it('refuses to start on a bad CORS_* value, naming the variable (before building)', async () => {
    await expect(startServerProcess(tsx, ['start.ts'], { cwd: exampleDir, env: { PORT: '0', CORS_ORIGINS: 'https://app.example.com/' } })).rejects.toThrow(
      /CORS_ORIGINS\[0\]: 'https:\/\/app.example.com\/' ends with '\/'/,
    );
  });
}

/**
 * The tests of an example served by one command (Bun's and Elysia's `bun run server.ts`):
 * it boots from CORS_* variables and answers a real preflight and request, and its banner's
 * `corsa check` line ends allowed.
 */
export function testServedExample(title: string, start: (env: Record<string, string>) => Promise<RunningServer>): void {
  it(`boots ${title} from CORS_* variables and answers a real preflight and request`, async () => {
    await bootAndCheckExample(
      () => start({ PORT: '0', CORS_ORIGINS: 'https://app.example.com', CORS_CREDENTIALS: 'true' }),
      '/api/hello',
      'https://app.example.com',
      true,
    );
  });

  it("its banner's corsa check line (the local-development defaults) ends allowed over a 2xx", async () => {
    await withServer(
      () => start({ PORT: '0' }),
      (baseUrl) => expectTryItAllowed(baseUrl),
    );
  }, 60_000);
}
