// npm start's CORS lab, opened in Chromium, Firefox and WebKitGTK: every demo runs and
// ends as it should, and the refusals show the policy's reason. Then what a newcomer hit:
// reloads and a second tab, the page opened as localhost, contrast and narrow screens.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab } from '../lab/lab.js';
import { launchChromiumBrowser } from './engines/chromium.js';
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
    expect(await page.run<number>(`return document.querySelectorAll('.expected.unexpected').length;`)).toBe(0);
    expect(await text('#policies')).toContain('credentials: true');
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

describe('what a newcomer hit (Chromium)', () => {
  let browser: Awaited<ReturnType<typeof launchChromiumBrowser>>;
  beforeAll(async () => {
    browser = await launchChromiumBrowser();
  }, 60_000);
  afterAll(() => browser?.close());

  async function openLab(url: string, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.done === 'yes', undefined, { timeout: 30_000 });
    return page;
  }
  const wireOf = async (page: Page, demo: string) => (await page.locator(`#demo-${demo} .server`).textContent()) ?? '';

  it('after a reload, and in a second tab, each demo shows only its own exchanges', async () => {
    const first = await openLab(lab.pageUrl);
    await first.reload();
    await first.waitForFunction(() => document.body.dataset.done === 'yes');
    const second = await openLab(lab.pageUrl);
    for (const page of [first, second]) {
      // the simple GET: one request on the wire, no preflight, whatever ran before
      const wire = await wireOf(page, 'simple');
      expect(wire.match(/\brequest\b GET \/strict\/data/g)).toHaveLength(1);
      expect(wire).not.toContain('preflight');
    }
    await first.close();
    await second.close();
  }, 60_000);

  it('opened as localhost instead of 127.0.0.1: says why the demos are blocked, and where to go', async () => {
    const page = await openLab(lab.pageUrl.replace('127.0.0.1', 'localhost'));
    const warning = page.locator('#origin-warning');
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain(`Open ${lab.pageUrl}`);
    await page.close();
    const intended = await openLab(lab.pageUrl);
    expect(await intended.locator('#origin-warning').isVisible()).toBe(false);
    await intended.close();
  }, 60_000);

  it.each([1280, 600])(
    'at %i px: text meets WCAG AA contrast, columns stay readable, nothing scrolls sideways',
    async (width) => {
      const page = await openLab(lab.pageUrl, width);
      const screenshot = join(tmpdir(), `corsa-lab-${width}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      console.log(`lab screenshot at ${width} px: ${screenshot}`);
      const layout = await page.evaluate(() => {
        const luminance = (color: string) => {
          const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
            const v = Number(c) / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
        };
        const background = (element: Element | null): string => {
          for (let e = element; e; e = e.parentElement) {
            const color = getComputedStyle(e).backgroundColor;
            if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
          }
          return 'rgb(255, 255, 255)';
        };
        const worst = { ratio: Infinity, text: '' };
        for (const element of document.querySelectorAll('header *, main p, main code, .why, .expected, td, .label, .box h3, .verdict')) {
          if (!(element as HTMLElement).textContent?.trim()) continue;
          const [a, b] = [luminance(getComputedStyle(element).color), luminance(background(element))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < worst.ratio) Object.assign(worst, { ratio, text: (element as HTMLElement).textContent.slice(0, 40) });
        }
        const boxes = [...document.querySelectorAll('.demo .box')].map((box) => box.getBoundingClientRect().width);
        return {
          worst,
          narrowestBox: Math.min(...boxes),
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        };
      });
      expect(layout.worst.ratio, `lowest contrast: ${JSON.stringify(layout.worst)}`).toBeGreaterThanOrEqual(4.5);
      expect(layout.narrowestBox).toBeGreaterThanOrEqual(Math.min(340, width - 100));
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      await page.close();
    },
    60_000,
  );
});

it('a taken port ends with a message that says what to do, not a stack trace', async () => {
  // A taken port whose next one is free: the lab needs both, and a port the system handed to
  // some other socket must not be the one it reports (it did, once, in CI).
  const { blocker, port } = await takenPortBeforeAFreeOne();
  const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
  try {
    execFileSync(tsx, [fileURLToPath(new URL('../lab/lab.ts', import.meta.url))], {
      env: { ...process.env, PORT: String(port) },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect.unreachable('the lab started on a taken port');
  } catch (error) {
    const { status, stderr } = error as { status: number; stderr: string };
    expect(status).toBe(1);
    expect(stderr).toContain(`needs two free ports, ${port} and ${port + 1}, but ${port} is in use`);
    expect(stderr).toContain('PORT=9000 npm start');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  } finally {
    blocker.close();
  }
}, 60_000);

/** Listens on a port the system picks, such that the port after it can be listened on too. */
async function takenPortBeforeAFreeOne(): Promise<{ blocker: Server; port: number }> {
  const listen = (server: Server, port: number) =>
    new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
  for (let attempt = 0; attempt < 20; attempt++) {
    const blocker = createServer();
    await listen(blocker, 0);
    const port = (blocker.address() as { port: number }).port;
    const probe = createServer();
    if (await listen(probe, port + 1)) {
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      return { blocker, port };
    }
    blocker.close();
  }
  throw new Error('found no taken port followed by a free one in 20 tries');
}
