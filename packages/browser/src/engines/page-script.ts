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
