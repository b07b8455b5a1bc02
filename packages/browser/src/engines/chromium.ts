// Debian's Chromium, driven by playwright-core over CDP (never a downloaded browser).
// *.localhost and localhost resolve to 127.0.0.1, where every test server listens.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackages } from '@corsa/testkit';
import { type Browser, chromium } from 'playwright-core';
import type { Engine, EngineMode } from './engine.js';
import { consoleOnOnePage, driverPage } from './page-script.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's chromium package unless it is there (needs root, as on CI). */
export function ensureChromium(): void {
  ensureDebianPackages(CHROMIUM, () => existsSync(CHROMIUM), ['chromium']);
}

/** Chromium's flags; standard-strict adds the switch under which `*` stops covering Authorization. */
export function chromiumArgs(mode: EngineMode): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
    '--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1',
    ...(mode === 'standard-strict' ? ['--enable-features=CorsNonWildcardRequestHeadersSupport'] : []),
  ];
}

/** Headless Chromium. */
export function launchChromiumBrowser(mode: EngineMode = 'default'): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs(mode) });
}

export async function launchChromium(mode: EngineMode = 'default'): Promise<Engine> {
  const browser = await launchChromiumBrowser(mode);
  // stderr dropped: Debian's launcher script complains about /dev/shm mounts when only asked its version.
  const version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const newPage = async () => {
    const context = await browser.newContext();
    return driverPage(await context.newPage(), () => context.close());
  };
  // Chromium prints its CORS errors before the fetch settles (measured): nothing to wait for after CORSA-DONE.
  const consolePage = consoleOnOnePage(newPage);
  return {
    name: 'chromium',
    mode,
    version,
    newPage,
    consoleOf: consolePage.consoleOf,
    close: async () => (await consolePage.close(), await browser.close()),
  };
}
