// The Public Suffix List is ~44 KB gzipped, and only a policy with a credentialed wildcard
// pattern (`https://*.example.com` with `credentials: true`) needs it. So it is an entry of
// its own, `@corsa/core/public-suffix-list`, that registers its lookup here when imported;
// the main entry never references its data, and bundlers leave it out of every other app.
// Without it, such a pattern is refused (never checked by anything weaker), with an error
// that names the import. The lookup lives on globalThis under a registry symbol, so the ESM
// and CJS builds (and two copies of the package) share one registration.

/** The public suffix a wildcard `*.host` would cover, or undefined. */
export type SuffixLookup = (host: string) => string | undefined;

const KEY = Symbol.for('@corsa/core/public-suffix-list');

/** The registered lookup, if `@corsa/core/public-suffix-list` was imported. */
export function registeredSuffixLookup(): SuffixLookup | undefined {
  return (globalThis as { [KEY]?: SuffixLookup })[KEY];
}

/** Registers the list's lookup once; a second registration (another copy of the entry) changes nothing. */
export function registerSuffixLookup(lookup: SuffixLookup): void {
  if (registeredSuffixLookup() !== undefined) return;
  Object.defineProperty(globalThis, KEY, { value: lookup, writable: false, configurable: false, enumerable: false });
}

/** The import that brings the list, as error messages and docs spell it. */
export const SUFFIX_LIST_IMPORT = "import '@corsa/core/public-suffix-list'";
