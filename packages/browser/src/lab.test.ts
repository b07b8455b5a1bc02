// npm start's CORS lab, opened in Chromium: every demo runs and ends as it should, and
// the refusals show the policy's reason.
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLab } from '../lab/lab.js';
import { launchChromium } from './chromium.js';

let browser: Browser;
let lab: Awaited<ReturnType<typeof startLab>>;

beforeAll(async () => {
  browser = await launchChromium();
  lab = await startLab(0, 0);
}, 600_000);

afterAll(async () => {
  await lab?.stop();
  await browser?.close();
});

it('runs the whole matrix live, with a verdict and the wire for each demo', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(lab.pageUrl);
  await page.waitForSelector('body[data-done="yes"]', { timeout: 30_000 });
  const verdicts = await page.$$eval('.demo', (sections) =>
    Object.fromEntries(sections.map((s) => [s.id.replace('demo-', ''), (s as HTMLElement).dataset.verdict])),
  );
  expect(verdicts).toEqual({
    simple: 'allowed',
    cookie: 'allowed',
    'json-put': 'allowed',
    'delete-header': 'allowed',
    authorization: 'allowed',
    exposed: 'allowed',
    'refused-origin': 'blocked',
    'refused-method': 'blocked',
    'refused-header': 'blocked',
    options: 'allowed',
    star: 'allowed',
    'star-credentials': 'blocked',
  });
  expect(await page.textContent('#demo-refused-method .reason')).toContain("method 'PATCH' is not allowed");
  expect(await page.textContent('#demo-refused-header .reason')).toContain("request header 'x-other' is not allowed");
  expect(await page.textContent('#demo-refused-origin .reason')).toContain('is not allowed; allowed origins: http://*.localhost:');
  expect(await page.textContent('#demo-exposed .client')).toContain('x-secret: null');
  if (process.env.LAB_SCREENSHOT) await page.screenshot({ path: process.env.LAB_SCREENSHOT, fullPage: true });
  await page.close();
}, 60_000);

it('is what npm start runs, and its command line starts the API', async () => {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8'));
  expect(pkg.scripts.start).toContain('tsx packages/browser/lab/lab.ts');
  const { startServerProcess } = await import('@corsa/testkit');
  const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
  const server = await startServerProcess(tsx, [fileURLToPath(new URL('../lab/lab.ts', import.meta.url))], { env: { PORT: '0' } });
  try {
    const response = await fetch(`${server.baseUrl}/strict/data`, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('corsa-refusal')).toContain("origin 'https://evil.example' is not allowed");
  } finally {
    await server.stop();
  }
}, 60_000);
