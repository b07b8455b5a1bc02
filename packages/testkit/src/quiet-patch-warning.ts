// A vitest setup file. Tests build `new Request(url, { method: 'patch' })` on purpose: fetch()
// sends `patch` as written, and Corsa must refuse it against a policy that lists `PATCH`.
// Node's fetch warns about exactly that request (UNDICI-FETCH-patch, once per process); here
// the warning is the subject of the test, not news, so only that one is dropped.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const options = rest[0];
  if (typeof options === 'object' && options !== null && (options as { code?: string }).code === 'UNDICI-FETCH-patch') return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
