// The whole Public Suffix List (ICANN and private sections), from the tldts package's
// data, bundled at build time. Only used while a policy is compiled: whether a wildcard
// pattern `*.host` would trust names that strangers can register. Never on a request.
import { edgeChild, edgeLength, edgeStart, exceptionsRoot, labelText, nodeFlags, rulesRoot } from 'tldts/dist/es6/src/data/trie.js';

let labelOffsets: Uint32Array | undefined;

// Where each edge's label starts in `labelText`: computed on the first lookup, not at
// import, so an app without credentialed wildcards never pays for it.
function offsets(): Uint32Array {
  if (labelOffsets === undefined) {
    labelOffsets = new Uint32Array(edgeLength.length);
    for (let edge = 0, offset = 0; edge < edgeLength.length; edge++) {
      labelOffsets[edge] = offset;
      offset += edgeLength[edge] as number;
    }
  }
  return labelOffsets;
}

// The child of `node` along `label`, or -1. `wildcard` also follows a `*` edge.
function child(node: number, label: string, wildcard: boolean): number {
  const at = offsets();
  let star = -1;
  for (let edge = edgeStart[node] as number; edge < (edgeStart[node + 1] as number); edge++) {
    const start = at[edge] as number;
    const length = edgeLength[edge] as number;
    if (length === label.length && labelText.startsWith(label, start)) return edgeChild[edge] as number;
    if (wildcard && length === 1 && labelText.charCodeAt(start) === 0x2a /* * */) star = edgeChild[edge] as number;
  }
  return star;
}

/** `host` without a trailing dot, lower case: browsers keep the dot in the Origin, the list never has it. */
function normalise(host: string): string {
  return (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
}

/**
 * How many trailing labels of `host` are its public suffix, by the list's algorithm:
 * the longest matching rule (a `*` label matches any one label), an exception rule
 * taking one label off, and an unlisted top-level label counting as a suffix (the
 * implicit `*` rule).
 */
function publicSuffixLength(labels: readonly string[]): number {
  let matched = 1;
  for (let node = rulesRoot, i = labels.length - 1; i >= 0; i--) {
    node = child(node, labels[i] as string, true);
    if (node < 0) break;
    if (nodeFlags[node] !== 0) matched = labels.length - i;
  }
  for (let node = exceptionsRoot, i = labels.length - 1; i >= 0; i--) {
    node = child(node, labels[i] as string, false);
    if (node < 0) break;
    if (nodeFlags[node] !== 0) return labels.length - i - 1;
  }
  return matched;
}

/** `true` when `host` (trailing dot and case ignored) is a public suffix: `com`, `co.uk`, `github.io`, `s3.amazonaws.com`. */
export function isPublicSuffix(host: string): boolean {
  const labels = normalise(host).split('.');
  return publicSuffixLength(labels) === labels.length;
}

/**
 * The public suffix at or below `host` that a wildcard `*.host` would cover, or
 * undefined: `host` itself when it is one, else a listed suffix under it
 * (`s3.amazonaws.com` under `amazonaws.com`), since `https://*.amazonaws.com` matches
 * `https://evil.s3.amazonaws.com` too.
 */
export function publicSuffixCoveredBy(host: string): string | undefined {
  const name = normalise(host);
  if (isPublicSuffix(name)) return name;
  const labels = name.split('.');
  let node = rulesRoot;
  for (let i = labels.length - 1; i >= 0 && node >= 0; i--) node = child(node, labels[i] as string, true);
  if (node < 0) return undefined;
  const below = firstRuleBelow(node);
  return below === undefined ? undefined : `${below}.${name}`;
}

// A rule under `node` (labels nearest the node last), for the message.
function firstRuleBelow(node: number): string | undefined {
  const at = offsets();
  for (let edge = edgeStart[node] as number; edge < (edgeStart[node + 1] as number); edge++) {
    const label = labelText.slice(at[edge], (at[edge] as number) + (edgeLength[edge] as number));
    const next = edgeChild[edge] as number;
    if (nodeFlags[next] !== 0) return label;
    const deeper = firstRuleBelow(next);
    if (deeper !== undefined) return `${deeper}.${label}`;
  }
  return undefined;
}
