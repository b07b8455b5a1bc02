// The credentialed-wildcard check against the whole Public Suffix List, as tldts ships it
// (the data @corsa/core bundles): every rule, ICANN and private, is refused as
// `https://*.<rule>` with credentials, with and without a trailing dot; our lookup agrees
// with tldts's own on every rule; exceptions stay registrable.
import { getPublicSuffix } from 'tldts';
import { edgeChild, edgeLength, edgeStart, exceptionsRoot, labelText, nodeFlags, rulesRoot } from 'tldts/dist/es6/src/data/trie.js';
import { describe, expect, it } from 'vitest';
import { CorsConfigError } from './errors.js';
import { createCorsPolicy } from './policy.js';
import { isPublicSuffix, publicSuffixCoveredBy } from './public-suffix.js';

/** Every rule under `root`, written as in the list (`*.ck`, `s3.amazonaws.com`), in ASCII. */
function rulesOf(root: number): string[] {
  const offsets: number[] = [];
  for (let edge = 0, offset = 0; edge < edgeLength.length; edge++) {
    offsets.push(offset);
    offset += edgeLength[edge] as number;
  }
  const rules = new Set<string>();
  const stack: [number, string[]][] = [[root, []]];
  while (stack.length > 0) {
    const [node, labels] = stack.pop() as [number, string[]];
    if (labels.length > 0 && nodeFlags[node] !== 0) rules.add(toAscii([...labels].reverse().join('.')));
    for (let edge = edgeStart[node] as number; edge < (edgeStart[node + 1] as number); edge++) {
      const start = offsets[edge] as number;
      stack.push([edgeChild[edge] as number, [...labels, labelText.slice(start, start + (edgeLength[edge] as number))]]);
    }
  }
  return [...rules].sort();
}

// Unicode rules (the list has both forms) as browsers write them: punycode.
function toAscii(rule: string): string {
  return rule
    .split('.')
    .map((label) => (label === '*' ? '*' : new URL(`https://${label}.x`).hostname.slice(0, -2)))
    .join('.');
}

const RULES = rulesOf(rulesRoot);
const EXCEPTIONS = rulesOf(exceptionsRoot);
const hostOf = (rule: string) => rule.replaceAll('*', 'anyone');
const tldtsSaysSuffix = (host: string) => getPublicSuffix(host, { allowPrivateDomains: true, extractHostname: false }) === host;

function codesFor(pattern: string): string[] {
  try {
    createCorsPolicy({ origins: [pattern], credentials: true });
    return [];
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    return error.issues.map((issue) => issue.code);
  }
}

describe('the Public Suffix List, every rule', () => {
  it('has the list’s size (ICANN and private sections, wildcard rules, exceptions)', () => {
    expect(RULES.length).toBeGreaterThan(9000);
    expect(RULES.some((rule) => rule.startsWith('*.'))).toBe(true);
    expect(RULES).toEqual(
      expect.arrayContaining(['com', 'co.uk', 'github.io', 's3.amazonaws.com', 'myshopify.com', 'r2.dev', 'trycloudflare.com', 'eu.org', 'com.ar']),
    );
    expect(EXCEPTIONS.length).toBeGreaterThan(0);
  });

  it('our start-up lookup agrees with tldts’s own for every rule and exception', () => {
    const disagreements = [...RULES.map(hostOf), ...EXCEPTIONS].filter((host) => isPublicSuffix(host) !== tldtsSaysSuffix(host));
    expect(disagreements).toEqual([]);
  });

  it('refuses https://*.<rule> with credentials for every rule, with and without a trailing dot', () => {
    const accepted: string[] = [];
    for (const rule of RULES) {
      for (const pattern of [`https://*.${hostOf(rule)}`, `https://*.${hostOf(rule)}.`]) {
        if (!codesFor(pattern).includes('public-suffix-wildcard-with-credentials')) accepted.push(pattern);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('keeps an exception registrable: a wildcard below it is its owner’s', () => {
    for (const exception of EXCEPTIONS) expect(codesFor(`https://*.${exception}`), exception).toEqual([]);
  });
});

describe('wildcards that cover a public suffix further down', () => {
  it('refuses https://*.amazonaws.com with credentials: it matches https://evil.s3.amazonaws.com', () => {
    expect(publicSuffixCoveredBy('amazonaws.com')).toMatch(/\.amazonaws\.com$/);
    expect(codesFor('https://*.amazonaws.com')).toEqual(['public-suffix-wildcard-with-credentials']);
  });

  it('accepts a wildcard under a registrable domain of one’s own', () => {
    for (const pattern of [
      'https://*.example.com',
      'https://*.app.example.com',
      'https://*.example.co.uk',
      'https://*.example.com.',
      'https://*.internal.corp',
    ]) {
      expect(codesFor(pattern), pattern).toEqual([]);
    }
  });

  it('names the suffix and the fix in the message', () => {
    try {
      createCorsPolicy({ origins: ['https://*.s3.amazonaws.com', 'https://*.amazonaws.com'], credentials: true });
    } catch (error) {
      const [first, second] = (error as CorsConfigError).issues;
      expect(first?.message).toContain("'s3.amazonaws.com' is a public suffix");
      expect(second?.message).toMatch(/it covers '.*\.amazonaws\.com', a public suffix/);
      expect(first?.message).toContain('use a predicate that checks your own prefix');
      return;
    }
    throw new Error('expected a CorsConfigError');
  });
});
