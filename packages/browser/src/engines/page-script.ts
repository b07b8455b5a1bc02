import type { EnginePage } from './engine.js';
// A page script as every driver runs it: the body of an async function of `arg`, built in
// the page with the Function constructor (the suites' pages have no CSP), its result
// returned as a JSON string so that every protocol carries it unchanged.

/** The in-page runner, as a string each driver evaluates with (body, arg). */
export const RUN_IN_PAGE = `(body, arg) => new Function('arg', 'return (async () => {' + body + '})()')(arg)
  .then((value) => JSON.stringify({ value }), (error) => JSON.stringify({ error: String(error && error.stack || error) }))`;

/** Unwraps what RUN_IN_PAGE produced. */
export function unwrap<T>(json: string): T {
  const result = JSON.parse(json) as { value?: T; error?: string };
  if (result.error !== undefined) throw new Error(`page script failed: ${result.error}`);
  return result.value as T;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

/**
 * Opens `url` in `page`, collects its console until the page logs `CORSA-DONE` (at most
 * 10 s) and `settle` ms more, then closes it. `extra` may subscribe to more events.
 */
export async function consoleUntilDone<P extends DriverPage>(
  page: EnginePage & { raw: P },
  url: string,
  settle = 0,
  extra?: (messages: string[]) => void,
): Promise<string[]> {
  const messages: string[] = [];
  let done = false;
  page.raw.on('console', (message) => {
    messages.push(message.text());
    if (message.text().includes('CORSA-DONE')) done = true;
  });
  extra?.(messages);
  await page.goto(url);
  for (let waited = 0; !done && waited < 10_000; waited += 50) await sleep(50);
  await sleep(settle);
  await page.close();
  return messages;
}
