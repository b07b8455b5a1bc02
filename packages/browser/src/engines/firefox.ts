// Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (no geckodriver:
// Debian has none, and the npm packages would download one). Firefox reports CORS
// failures as page errors (BiDi log.entryAdded), a moment after the fetch fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackages } from '@corsa/testkit';
import puppeteer from 'puppeteer-core';
import type { Engine, EngineMode } from './engine.js';
import { consoleOnOnePage, driverPage } from './page-script.js';

export const FIREFOX = '/usr/bin/firefox-esr';

/** Installs Debian's firefox-esr package unless it is there (needs root, as on CI). */
export function ensureFirefox(): void {
  ensureDebianPackages(FIREFOX, () => existsSync(FIREFOX), ['firefox-esr']);
}

/** The pref under which Firefox stops letting `*` cover Authorization, as the Fetch standard says. */
export const FIREFOX_STRICT_PREFS = { 'network.cors_preflight.authorization_covered_by_wildcard': false };

export async function launchFirefox(mode: EngineMode = 'default'): Promise<Engine> {
  ensureFirefox();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: mode === 'standard-strict' ? FIREFOX_STRICT_PREFS : {},
  });
  const version = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8' }).trim();
  const newPage = async () => {
    const context = await browser.createBrowserContext();
    return driverPage(await context.newPage(), () => context.close());
  };
  // BiDi delivers the CORS errors asynchronously, after the fetch settled: up to 500 ms
  // for the first, 150 ms for any right behind it (measured: they come together).
  const consolePage = consoleOnOnePage(newPage, { firstMessageWithin: 500, thenFor: 150 }, (page, push) =>
    page.on('pageerror', (error) => push(error instanceof Error ? error.message : String(error))),
  );
  return {
    name: 'firefox',
    mode,
    version,
    newPage,
    consoleOf: consolePage.consoleOf,
    close: async () => (await consolePage.close(), await browser.close()),
  };
}
