// The seed scenario: the React app of examples/vite-react calling the Hono API of
// examples/hono-node, in Chromium, both ways users run it:
// - development: `vite` proxies /api to the API, so the page and its calls share one
//   origin and no CORS header is involved;
// - production: `vite build` with VITE_API_ORIGIN, served by `vite preview` on another
//   port, calls the API cross-origin with cookies; Corsa's headers make it work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type RunningServer, runToCompletion, startServerProcess } from '@corsa/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const bin = (name: string) => here(`../../../node_modules/.bin/${name}`);
const app = here('../../../examples/vite-react/');

let browser: Browser;
const servers: RunningServer[] = [];
const outDir = mkdtempSync(join(tmpdir(), 'corsa-vite-'));

beforeAll(async () => {
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function startApi(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServerProcess(bin('tsx'), [here('../../../examples/hono-node/server.ts')], { env: { PORT: '0', ...env } });
  servers.push(server);
  return server;
}

/** Clicks the app's button and returns the result text and the API response's CORS header. */
async function callApi(page: Page, apiPath: string): Promise<{ text: string; allowOrigin: string | undefined }> {
  const response = page.waitForResponse((r) => r.url().includes(apiPath) && r.request().method() === 'GET');
  await page.click('button');
  const apiResponse = await response;
  await page.waitForFunction(() => document.querySelector('#result')?.textContent !== 'not called yet');
  return { text: (await page.textContent('#result')) ?? '', allowOrigin: (await apiResponse.allHeaders())['access-control-allow-origin'] };
}

describe('examples/vite-react in Chromium', () => {
  it('development: the Vite proxy makes /api same-origin, no CORS header needed', async () => {
    const api = await startApi({ CORS_ORIGINS: 'https://somewhere-else.example' }); // the page's origin is not listed
    const port = await freePort();
    const vite = await startServerProcess(bin('vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      cwd: app,
      env: { API_URL: api.baseUrl },
    });
    servers.push(vite);
    const page = await browser.newPage();
    await page.goto(`${vite.baseUrl}/`);
    const { text, allowOrigin } = await callApi(page, '/api/hello');
    expect(text).toContain('"hello":"world"');
    expect(text).toContain('"saved":{"name":"first"}');
    expect(allowOrigin).toBeUndefined();
    await page.close();
  }, 120_000);

  it('production: the built app calls the API cross-origin with credentials, allowed by Corsa', async () => {
    const apiPort = await freePort();
    const previewPort = await freePort();
    const previewOrigin = `http://127.0.0.1:${previewPort}`;
    const api = await startApi({ PORT: String(apiPort), CORS_ORIGINS: previewOrigin, CORS_CREDENTIALS: 'true' });
    const build = await runToCompletion(bin('vite'), ['build', '--outDir', outDir, '--emptyOutDir'], { cwd: app, env: { VITE_API_ORIGIN: api.baseUrl } });
    expect(build.code, build.output).toBe(0);
    const preview = await startServerProcess(
      bin('vite'),
      ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(previewPort), '--strictPort'],
      { cwd: app },
    );
    servers.push(preview);
    const page = await browser.newPage();
    await page.goto(`${previewOrigin}/`);
    expect(await page.textContent('code')).toBe(`${api.baseUrl}/api`);
    const { text, allowOrigin } = await callApi(page, '/api/hello');
    expect(text).toContain('"hello":"world"');
    expect(text).toContain('"saved":{"name":"first"}');
    expect(allowOrigin).toBe(previewOrigin);
    await page.close();
  }, 180_000);
});
