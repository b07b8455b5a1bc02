import type { EnginePage } from './engine.js';
// A page script as every driver runs it: the body of an async function of `arg`, built in
// the page with the Function constructor (the suites' pages have no CSP), its result
// returned as a JSON string so that every protocol carries it unchanged.

/** The in-page runner, as a string each driver evaluates with (body, arg). */
export const RUN_IN_PAGE = `(body, arg) => new Function('arg', 'return (async () => {' + body + '})()')(arg)
  .then((value) => JSON.stringify({ value }), (error) => JSON.stringify({ error: String(error && error.stack || error) }))`;

/**
 * The fragment through which a page opened by Engine.consoleOf may be sent on once it has
 * logged `CORSA-DONE`: `#corsa-next=<url-encoded URL>` (WebKit's one long-lived MiniBrowser
 * returns to its driver page this way; see minibrowser-console.ts).
 */
export const NEXT_PAGE = 'corsa-next';

/** Script for the end of such a page: goes to the URL its `#corsa-next=` fragment names, if any. */
export const GO_TO_NEXT_PAGE = `{ const next = new URLSearchParams(location.hash.slice(1)).get('${NEXT_PAGE}'); if (next) location.replace(next); }`;

/** Unwraps what RUN_IN_PAGE produced. */
export function unwrap<T>(json: string): T {
  const result = JSON.parse(json) as { value?: T; error?: string };
  if (result.error !== undefined) throw new Error(`page script failed: ${result.error}`);
  return result.value as T;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition()` holds, or after about `ms` milliseconds (checked every 10 ms). */
export async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  for (let waited = 0; !condition() && waited < ms; waited += 10) await sleep(10);
}

/** `run` wrapped so that its calls run one at a time, in call order, whatever each ends in. */
export function oneAtATime<A extends unknown[], T>(run: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (...args) => {
    const next = () => run(...args);
    const result = queue.then(next, next);
    queue = result;
    return result;
  };
}

/** What playwright's and puppeteer's pages share, as far as the suite uses them. */
interface DriverPage {
  goto(url: string): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  on(event: 'console', listener: (message: { text(): string }) => void): unknown;
}

/** An EnginePage over a playwright or puppeteer page that lives in its own context. */
export function driverPage<P extends DriverPage>(page: P, closeContext: () => Promise<void>): EnginePage & { raw: P } {
  return {
    raw: page,
    goto: async (url) => void (await page.goto(url)),
    run: async <T>(body: string, arg?: unknown) =>
      unwrap<T>((await page.evaluate(`(${RUN_IN_PAGE})(${JSON.stringify(body)}, ${JSON.stringify(arg ?? null)})`)) as string),
    close: closeContext,
  };
}

/** How long to keep listening after the page logged `CORSA-DONE` with a failure. */
export interface Settle {
  /** At most this long (ms) for the engine's first message about the failure. */
  readonly firstMessageWithin: number;
  /** Then this long (ms) for the ones right behind it. */
  readonly thenFor: number;
}

/**
 * Engine.consoleOf over one page kept for every call: a fresh context costs a renderer
 * process, 0.4 s of a case in Chromium and Firefox (measured), so the page is reused and
 * callers give each case a URL of its own (the engines' preflight and HTTP caches outlive a
 * case). Each call navigates to `url`, collects the console until the page logs `CORSA-DONE`
 * (at most 10 s), and, when the fetch failed and `settle` is given, waits for the engine's
 * messages about it. `extra` may subscribe the page to more events that push messages.
 */
export function consoleOnOnePage<P extends DriverPage>(
  open: () => Promise<EnginePage & { raw: P }>,
  settle?: Settle,
  extra?: (page: P, push: (message: string) => void) => void,
): { consoleOf(url: string): Promise<string[]>; close(): Promise<void> } {
  let page: Promise<EnginePage & { raw: P }> | undefined;
  let messages: string[] = [];
  const push = (message: string) => messages.push(message);
  const opened = () => {
    page ??= open().then((fresh) => {
      fresh.raw.on('console', (message) => push(message.text()));
      extra?.(fresh.raw, push);
      return fresh;
    });
    return page;
  };
  const once = async (url: string) => {
    const current = await opened();
    const collected: string[] = [];
    messages = collected;
    const doneLine = () => collected.find((line) => line.startsWith('CORSA-DONE'));
    await current.goto(url);
    await waitFor(() => doneLine() !== undefined, 10_000);
    const done = doneLine();
    if (done === undefined) {
      // A page that never finished is not reused.
      page = undefined;
      await current.close().catch(() => {});
    } else if (settle && done !== 'CORSA-DONE allowed') {
      const told = () => collected.some((line) => !line.startsWith('CORSA-DONE'));
      await waitFor(told, settle.firstMessageWithin);
      if (told()) await sleep(settle.thenFor);
    }
    messages = [];
    return collected;
  };
  return {
    consoleOf: oneAtATime(once),
    async close() {
      await (await page)?.close();
    },
  };
}
