import { describe, expect, it } from 'vitest';
import { checkOriginPattern, OriginMatcher, type OriginPattern } from './origin-patterns.js';

function matcherFor(...patterns: string[]): OriginMatcher {
  const parsed = patterns.map((p) => checkOriginPattern(p, { credentials: false, allowInsecure: false }));
  for (const result of parsed) expect(result).not.toHaveProperty('problems');
  return new OriginMatcher(parsed.map((result) => (result as { extra: OriginPattern }).extra));
}

describe('origin pattern grammar', () => {
  it('matches an exact origin byte for byte and nothing else', () => {
    const m = matcherFor('https://app.example', 'http://[::1]:3000', 'chrome-extension://abcdef');
    expect(m.matches('https://app.example')).toBe(true);
    expect(m.matches('http://[::1]:3000')).toBe(true);
    expect(m.matches('chrome-extension://abcdef')).toBe(true);
    for (const miss of [
      'https://app.example.',
      'https://app.example:443',
      'https://app.example/',
      'http://app.example',
      'https://App.example',
      'https://www.app.example',
      'http://[::1]',
      'http://[::1]:3001',
    ]) {
      expect(m.matches(miss), miss).toBe(false);
    }
  });

  it('https://*.example.com matches one or more labels below example.com, never example.com itself', () => {
    const m = matcherFor('https://*.example.com');
    for (const hit of ['https://a.example.com', 'https://a.b.c.example.com', 'https://x-1.example.com', 'https://xn--bcher-kva.example.com']) {
      expect(m.matches(hit), hit).toBe(true);
    }
    for (const miss of [
      'https://example.com',
      'https://.example.com',
      'https://a..example.com',
      'https://aexample.com',
      'https://a.example.com.evil.net',
      'http://a.example.com',
      'https://a.example.com:8443',
      'https://A.example.com',
      'https://a.example.co',
      'https://a.example.com.',
      'https://a b.example.com',
      'https://a.example.com/',
    ]) {
      expect(m.matches(miss), miss).toBe(false);
    }
  });

  it('a subdomain wildcard keeps its explicit port', () => {
    const m = matcherFor('https://*.example.com:8443');
    expect(m.matches('https://a.example.com:8443')).toBe(true);
    expect(m.matches('https://a.example.com')).toBe(false);
    expect(m.matches('https://a.example.com:8444')).toBe(false);
  });

  it('http://localhost:* matches localhost on any port, the default included, and only localhost', () => {
    const m = matcherFor('http://localhost:*');
    for (const hit of ['http://localhost', 'http://localhost:1', 'http://localhost:5173', 'http://localhost:65535']) {
      expect(m.matches(hit), hit).toBe(true);
    }
    for (const miss of [
      'http://localhost:0',
      'http://localhost:65536',
      'http://localhost:080',
      'http://localhost:80',
      'http://localhost:',
      'http://localhost:12a',
      'https://localhost:5173',
      'http://a.localhost:5173',
      'http://localhost.evil.com:5173',
      'http://localhostx:1',
    ]) {
      expect(m.matches(miss), miss).toBe(false);
    }
  });

  it('both wildcards combine: http://*.localhost:*', () => {
    const m = matcherFor('http://*.localhost:*');
    expect(m.matches('http://app.localhost:5173')).toBe(true);
    expect(m.matches('http://a.b.localhost')).toBe(true);
    expect(m.matches('http://localhost:5173')).toBe(false);
  });

  it('looks up a 1,100-pattern list in the time of one: no loop over the patterns', () => {
    const exact = Array.from({ length: 1000 }, (_, i) => `https://app${i}.example`);
    const wildcards = Array.from({ length: 100 }, (_, i) => `https://*.tenant${i}.example`);
    const m = matcherFor(...exact, ...wildcards);
    expect(m.matches('https://app999.example')).toBe(true);
    expect(m.matches('https://x.tenant99.example')).toBe(true);
    expect(m.matches('https://x.tenant100.example')).toBe(false);
    expect(m.matches('https://app1000.example')).toBe(false);
  });
});
