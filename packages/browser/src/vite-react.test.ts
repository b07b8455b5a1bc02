// The seed scenario: the React app of examples/vite-react calling the Hono API of
// examples/hono-node, in Chromium, Firefox and WebKitGTK, both ways users run it:
// - development: `vite` proxies /api to the API, so the page and its calls share one
//   origin and no CORS header is involved;
// - production: `vite build` with VITE_API_ORIGIN, served by `vite preview` on another
//   port, calls the API cross-origin with cookies; Corsa's headers make it work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type RunningServer, runToCompletion, startServerProcess } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_NAMES, type Engine, type EngineName, type EnginePage, waitInPage } from './engines/index.js';
import { launchEngines } from './engines/suite.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const bin = (name: string) => here(`../../../node_modules/.bin/${name}`);
const app = here('../../../examples/vite-react/');

let engines: Map<EngineName, Engine>;
const servers: RunningServer[] = [];
const outDir = mkdtempSync(join(tmpdir(), 'corsa-vite-'));

beforeAll(async () => {
  engines = await launchEngines();
}, 600_000);

afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
  for (const engine of engines?.values() ?? []) await engine.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function startApi(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServerProcess(bin('tsx'), [here('../../../examples/hono-node/server.ts')], { env: { PORT: '0', ...env } });
  servers.push(server);
  return server;
}

/** Clicks the app's button and returns the result text once the app has shown it. */
async function callApi(page: EnginePage): Promise<string> {
  await page.run(`document.querySelector('button').click();`);
  await waitInPage(page, `return document.querySelector('#result').textContent !== 'not called yet';`);
  return page.run<string>(`return document.querySelector('#result').textContent;`);
}

describe('examples/vite-react, development: the Vite proxy makes /api same-origin, no CORS header needed', () => {
  let vite: RunningServer;
  beforeAll(async () => {
    const api = await startApi({ CORS_ORIGINS: 'https://somewhere-else.example' }); // the page's origin is not listed
    const port = await freePort();
    vite = await startServerProcess(bin('vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: app, env: { API_URL: api.baseUrl } });
    servers.push(vite);
  }, 120_000);

  it.each(ENGINE_NAMES)(
    'in %s',
    async (engineName) => {
      const page = await (engines.get(engineName) as Engine).newPage();
      await page.goto(`${vite.baseUrl}/`);
      await waitInPage(page, `return document.querySelector('button') !== null;`);
      const text = await callApi(page);
      expect(text).toContain('"hello":"from Hono on Node"');
      expect(text).toContain('"saved":{"name":"first"}');
      await page.close();
    },
    120_000,
  );
});

describe('examples/vite-react, production: the built app calls the API cross-origin with credentials, allowed by Corsa', () => {
  let api: RunningServer;
  let previewOrigin: string;
  beforeAll(async () => {
    const previewPort = await freePort();
    previewOrigin = `http://127.0.0.1:${previewPort}`;
    api = await startApi({ CORS_ORIGINS: previewOrigin, CORS_CREDENTIALS: 'true' });
    const build = await runToCompletion(bin('vite'), ['build', '--outDir', outDir, '--emptyOutDir'], { cwd: app, env: { VITE_API_ORIGIN: api.baseUrl } });
    expect(build.code, build.output).toBe(0);
    const preview = await startServerProcess(
      bin('vite'),
      ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(previewPort), '--strictPort'],
      {
        cwd: app,
      },
    );
    servers.push(preview);
  }, 180_000);

  it('the API grants the preview origin (what the browser is about to check)', async () => {
    const response = await fetch(`${api.baseUrl}/api/hello`, { headers: { origin: previewOrigin } });
    expect(response.headers.get('access-control-allow-origin')).toBe(previewOrigin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it.each(ENGINE_NAMES)(
    'in %s',
    async (engineName) => {
      const page = await (engines.get(engineName) as Engine).newPage();
      await page.goto(`${previewOrigin}/`);
      await waitInPage(page, `return document.querySelector('code') !== null;`);
      expect(await page.run<string>(`return document.querySelector('code').textContent;`)).toBe(`${api.baseUrl}/api`);
      const text = await callApi(page);
      expect(text).toContain('"hello":"from Hono on Node"');
      expect(text).toContain('"saved":{"name":"first"}');
      await page.close();
    },
    120_000,
  );
});
