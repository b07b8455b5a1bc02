// Debian's Chromium, driven by playwright-core (never a downloaded browser). The project
// installs it itself: `ensureChromium()` runs apt-get when /usr/bin/chromium is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackages } from '@corsa/testkit';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's chromium package unless it is there (needs root, as on CI). */
export function ensureChromium(): void {
  ensureDebianPackages(CHROMIUM, () => existsSync(CHROMIUM), ['chromium']);
}

/** Headless Chromium; *.localhost and localhost resolve to 127.0.0.1 (where every server listens). */
export function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1',
    ],
  });
}

/** The installed Chromium's version line, for reports. */
export function chromiumVersion(): string {
  return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
}
