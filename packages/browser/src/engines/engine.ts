// One small interface over three automation stacks, so that every browser check runs
// unchanged in Chromium (playwright-core, CDP), Firefox (puppeteer-core, WebDriver BiDi)
// and WebKitGTK (webdriverio, classic WebDriver). Only what the suites need: open a
// page, run an async script in it, read what the engine printed to its console.

import type { EngineName } from '../../../cli/src/engine-facts.js';

export { ENGINES as ENGINE_NAMES, type EngineName } from '../../../cli/src/engine-facts.js';

/** How an engine is launched: as shipped, or following the Fetch standard where it deviates. */
export type EngineMode = 'default' | 'standard-strict';

export interface EnginePage {
  goto(url: string): Promise<void>;
  /**
   * Runs `body` as the body of an async function of `arg` in the page and returns what it
   * returns (JSON-serialisable). A throw inside becomes a rejection here.
   */
  run<T>(body: string, arg?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  readonly mode: EngineMode;
  /** The engine's own version line, e.g. `Chromium 156.0.8078.79`. */
  readonly version: string;
  /** A page in a fresh context (own cookies). */
  newPage(): Promise<EnginePage>;
  /**
   * Opens `url`, waits until the page's script logs `CORSA-DONE`, and returns every console
   * message the engine printed for it, security errors included. One page (one MiniBrowser in
   * WebKit) serves every call, so the engine's preflight and HTTP caches outlive a call:
   * give each call a URL of its own. The page may send the browser on through its
   * `#corsa-next=` fragment once done (page-script.ts).
   */
  consoleOf(url: string): Promise<string[]>;
  close(): Promise<void>;
}

/** What a script sees of a cross-origin fetch(). */
export interface FetchResult {
  ok: boolean;
  error?: string;
  status?: number;
  body?: string;
  headers?: Record<string, string | null>;
}

/** The script of `fetchIn`: fetch(url, init) and read the named response headers, as the page would. */
const FETCH_BODY = `
  try {
    const response = await fetch(arg.url, arg.init);
    const headers = {};
    for (const name of arg.read) headers[name] = response.headers.get(name);
    return { ok: true, status: response.status, body: await response.text(), headers };
  } catch (error) {
    return { ok: false, error: error.name + ': ' + error.message };
  }`;

/** Runs fetch(url, init) in the page; reads the named response headers as the script sees them. */
export function fetchIn(page: EnginePage, url: string, init: RequestInit = {}, read: string[] = []): Promise<FetchResult> {
  return page.run<FetchResult>(FETCH_BODY, { url, init, read });
}

/** Polls `condition` (a page script returning a boolean) until true, or fails after `timeoutMs`. */
export async function waitInPage(page: EnginePage, condition: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await page.run<boolean>(condition))) {
    if (Date.now() - started > timeoutMs) throw new Error(`page condition not met within ${timeoutMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
