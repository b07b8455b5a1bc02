// Runs once before the browser project's files (which run in parallel): installs every
// engine's Debian packages that are missing, so that no two files race for apt's lock.
// A missing engine that cannot be installed fails the suite here, never a silent skip.
import { ensureCorsServers } from '@corsa/testkit';
import { ensureChromium } from './engines/chromium.js';
import { ensureFirefox } from './engines/firefox.js';
import { ensureWebKit } from './engines/webkit.js';

export default function setup(): void {
  ensureChromium();
  ensureFirefox();
  ensureWebKit();
  // The third-party servers the CLI agreement suite runs (FastAPI, Flask, Django, Go, nginx, Apache, Caddy).
  ensureCorsServers();
}
