// WebKit's console, read the only way WebKitGTK offers: MiniBrowser writing console messages
// to its stdout. Starting a MiniBrowser costs about 0.9 s of CPU (2.3 s a case with three
// engines on two cores), so one MiniBrowser serves every case: it sits on a driver page
// that long-polls for the next URL and navigates there; the case page returns to the
// driver through its `#corsa-next=` fragment (see NEXT_PAGE in page-script.ts). What
// persists between cases is the network process's caches, so callers give every case its
// own URL (cli-agreement adds a per-case query).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NEXT_PAGE, oneAtATime, waitFor } from './page-script.js';

const DONE_LINE = /CORSA-DONE.*\n/;

/** A console line: `CONSOLE SECURITY ERROR <text>`, `CONSOLE JS ERROR <text>`, `<url>:<line>:<col>: CONSOLE LOG <text>`. */
const CONSOLE_LINE = /^(?:(.*):\d+:\d+: )?CONSOLE (?:[A-Z]+ )?(?:LOG|INFO|DEBUG|WARNING|ERROR) (.*)$/;

export interface ConsoleBrowser {
  /** Opens `url`, returns the console lines its page printed up to `CORSA-DONE` ([] when it never got there within 8 s). */
  consoleOf(url: string): Promise<string[]>;
  close(): Promise<void>;
}

/** A MiniBrowser on `display`, kept running across cases and restarted when it stops answering. */
export async function startConsoleBrowser(binary: string, display: string): Promise<ConsoleBrowser> {
  let pending: ServerResponse | undefined;
  let queued: string | undefined;
  const driver = createServer((req, res) => {
    if (req.url === '/next') {
      if (queued !== undefined) {
        res.end(queued);
        queued = undefined;
        return;
      }
      pending = res;
      return;
    }
    // Retries the long poll if it fails (e.g. after a browser restart).
    const script = "const go = () => fetch('/next').then((r) => r.text()).then((url) => location.replace(url), () => setTimeout(go, 100)); go();";
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(`<!doctype html><title>driver</title><script>${script}</script>`);
  });
  await new Promise<void>((resolve) => driver.listen(0, '127.0.0.1', resolve));
  const driverUrl = `http://127.0.0.1:${(driver.address() as AddressInfo).port}/driver`;

  let browser: ChildProcess | undefined;
  let output = '';
  const launch = () => {
    output = '';
    browser = spawn(binary, ['--enable-write-console-messages-to-stdout=true', driverUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISPLAY: display },
    });
    const append = (chunk: Buffer) => {
      output += chunk.toString();
    };
    browser.stdout?.on('data', append);
    browser.stderr?.on('data', append);
  };
  const stopBrowser = () => {
    browser?.kill();
    browser = undefined;
    pending?.destroy();
    pending = undefined;
    queued = undefined;
  };
  const navigate = (url: string) => {
    if (pending) {
      pending.end(url);
      pending = undefined;
    } else queued = url;
  };

  const once = async (url: string): Promise<string[] | undefined> => {
    if (browser === undefined || browser.exitCode !== null || browser.signalCode !== null) {
      // A MiniBrowser that ended by itself leaves its long poll behind: drop it with the process.
      stopBrowser();
      launch();
    }
    const from = output.length;
    const target = `${url}#${NEXT_PAGE}=${encodeURIComponent(driverUrl)}`;
    navigate(target);
    await waitFor(() => DONE_LINE.test(output.slice(from)), 8_000);
    const printed = output.slice(from);
    const done = DONE_LINE.exec(printed);
    if (done === null) return undefined;
    const lines: string[] = [];
    for (const line of printed.slice(0, done.index + done[0].length).split('\n')) {
      const match = CONSOLE_LINE.exec(line);
      // A line another page printed late (its URL in front) is not this page's.
      if (match && (match[1] === undefined || match[1] === target)) lines.push(match[2] as string);
    }
    return lines;
  };

  return {
    // A MiniBrowser that stopped answering (or never started printing) is replaced; at most three tries.
    consoleOf: oneAtATime(async (url: string) => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const lines = await once(url);
        if (lines !== undefined) return lines;
        stopBrowser();
      }
      return [];
    }),
    async close() {
      stopBrowser();
      driver.closeAllConnections();
      await new Promise<void>((resolve) => driver.close(() => resolve()));
    },
  };
}
