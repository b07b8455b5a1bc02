// Debian's WebKitGTK: MiniBrowser driven by WebKitWebDriver (classic WebDriver) through
// webdriverio, on an Xvfb display this module starts itself (a WebKitGTK session hangs
// without a display). WebDriver cannot read the console, so consoleOf() runs MiniBrowser
// directly with --enable-write-console-messages-to-stdout and reads its output
// (minibrowser-console.ts: one MiniBrowser for every case).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackages, freePort } from '@corsa/testkit';
import { remote } from 'webdriverio';
import type { Engine, EngineMode, EnginePage } from './engine.js';
import { type ConsoleBrowser, startConsoleBrowser } from './minibrowser-console.js';
import { RUN_IN_PAGE, sleep, unwrap } from './page-script.js';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB = '/usr/bin/Xvfb';

/** Installs Debian's webkit2gtk-driver (MiniBrowser comes with it) and xvfb unless they are there. */
export function ensureWebKit(): void {
  ensureDebianPackages('WebKitGTK and Xvfb', () => existsSync(WEBKIT_DRIVER) && existsSync(MINIBROWSER) && existsSync(XVFB), ['webkit2gtk-driver', 'xvfb']);
}

/** Starts Xvfb on a display it picks itself; resolves with `:N` and a stop function. */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    xvfb.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    (xvfb.stdio[3] as NodeJS.ReadableStream).once('data', (chunk: Buffer) => resolve({ display: `:${chunk.toString().trim()}`, process: xvfb }));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr}`)));
  });
}

/** Starts WebKitWebDriver on a free port of 127.0.0.1 and waits until it answers. */
async function startDriver(display: string): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  for (let waited = 0; waited < 10_000; waited += 100) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return { port, process: driver };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  driver.kill();
  throw new Error('WebKitWebDriver did not answer within 10 s');
}

export async function launchWebKit(mode: EngineMode = 'default'): Promise<Engine> {
  if (mode !== 'default') throw new Error('WebKitGTK has no switch for the standard-strict mode');
  ensureWebKit();
  const xvfb = await startXvfb();
  // WebKitWebDriver serves one session at a time: every page gets a driver of its own.
  const open = new Set<{ session: WebdriverIO.Browser; driver: ChildProcess }>();
  const capabilities = {
    browserName: 'MiniBrowser',
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  };
  let version = '';
  // One WebDriver session per page: a session is one browser, with its own cookies.
  const newPage = async (): Promise<EnginePage> => {
    const driver = await startDriver(xvfb.display);
    const session = await remote({ hostname: '127.0.0.1', port: driver.port, logLevel: 'error', capabilities: capabilities as WebdriverIO.Capabilities });
    const entry = { session, driver: driver.process };
    open.add(entry);
    version ||= `WebKitGTK ${String((session.capabilities as { browserVersion?: string }).browserVersion)}`;
    return {
      goto: async (url) => void (await session.url(url)),
      run: async <T>(body: string, arg?: unknown) => {
        const json = await session.executeAsync(
          `const done = arguments[arguments.length - 1]; (${RUN_IN_PAGE})(arguments[0], arguments[1]).then(done);`,
          body,
          arg ?? null,
        );
        return unwrap<T>(json as unknown as string);
      },
      close: async () => {
        open.delete(entry);
        await session.deleteSession().catch(() => {});
        driver.process.kill();
      },
    };
  };
  let consoleBrowser: Promise<ConsoleBrowser> | undefined; // started by the first consoleOf
  const first = await newPage(); // learns the version, checks the stack works
  await first.close();
  return {
    name: 'webkit',
    mode,
    get version() {
      return version;
    },
    newPage,
    consoleOf(url) {
      consoleBrowser ??= startConsoleBrowser(MINIBROWSER, xvfb.display);
      return consoleBrowser.then((browser) => browser.consoleOf(url));
    },
    async close() {
      await (await consoleBrowser)?.close();
      for (const { session, driver } of open) {
        await session.deleteSession().catch(() => {});
        driver.kill();
      }
      xvfb.process.kill();
    },
  };
}
