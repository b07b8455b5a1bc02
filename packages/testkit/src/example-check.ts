// The check every example's test runs: a real preflight and a real request over HTTP.
import { expect } from 'vitest';
import type { RunningServer } from './adapter-vectors.js';

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

/** Boots an example with `start`, runs `checkExample` against it, and always stops it. */
export async function bootAndCheckExample(start: () => Promise<RunningServer>, path: string, allowedOrigin: string, credentials: boolean): Promise<void> {
  const server = await start();
  try {
    await checkExample(server.baseUrl, path, allowedOrigin, credentials);
  } finally {
    await server.stop();
  }
}
