// npm start's CORS lab, opened in Chromium, Firefox and WebKitGTK: every demo runs and
// ends as it should, and the refusals show the policy's reason.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLab } from '../lab/lab.js';
import { ENGINE_NAMES, type Engine, type EngineName, waitInPage } from './engines/index.js';
import { launchEngines } from './engines/suite.js';

let engines: Map<EngineName, Engine>;
let lab: Awaited<ReturnType<typeof startLab>>;

beforeAll(async () => {
  [engines, lab] = await Promise.all([launchEngines(), startLab(0, 0)]);
}, 600_000);

afterAll(async () => {
  await lab?.stop();
  for (const engine of engines?.values() ?? []) await engine.close();
});

it.each(ENGINE_NAMES)(
  'runs the whole matrix live in %s, with a verdict and the wire for each demo',
  async (engineName) => {
    const page = await (engines.get(engineName) as Engine).newPage();
    await page.goto(lab.pageUrl);
    await waitInPage(page, `return document.body.dataset.done === 'yes';`);
    const verdicts = await page.run<Record<string, string>>(
      `return Object.fromEntries([...document.querySelectorAll('.demo')].map((s) => [s.id.replace('demo-', ''), s.dataset.verdict]));`,
    );
    const text = (selector: string) => page.run<string>(`return document.querySelector(arg).textContent;`, selector);
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
    expect(await text('#demo-refused-method .reason')).toContain("method 'PATCH' is not allowed");
    expect(await text('#demo-refused-header .reason')).toContain("request header 'x-other' is not allowed");
    expect(await text('#demo-refused-origin .reason')).toContain('is not allowed; allowed origins: http://*.localhost:');
    expect(await text('#demo-exposed .client')).toContain('x-secret: null');
    await page.close();
  },
  60_000,
);

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
