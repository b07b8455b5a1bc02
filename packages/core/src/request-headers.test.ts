import { describe, expect, it } from 'vitest';
import { checkRequestedHeaders, HEADERS_MALFORMED, HEADERS_OK, HEADERS_TOO_LONG, nameAt } from './request-headers.js';

/** A Set that counts lookups, to show how much work a value costs. */
class CountingSet extends Set<string> {
  lookups = 0;
  override has(value: string): boolean {
    this.lookups++;
    return super.has(value);
  }
}

const allowed = () => new CountingSet(['content-type', 'x-trace', 'authorization']);
const bound = 'content-type, x-trace, authorization, '.length;

describe('reading Access-Control-Request-Headers', () => {
  it('accepts the forms browsers and proxies send', () => {
    for (const value of ['content-type,x-trace', 'Content-Type, X-Trace', '', ' ', 'x-trace,', ',x-trace', 'x-trace ,\tauthorization']) {
      expect(checkRequestedHeaders(value, allowed(), bound), value).toBe(HEADERS_OK);
    }
  });

  it('points at the first name that is not allowed', () => {
    const value = 'content-type,x-secret,x-other';
    const verdict = checkRequestedHeaders(value, allowed(), bound);
    expect(verdict).toBeGreaterThan(0);
    expect(nameAt(value, verdict - 1)).toBe('x-secret');
  });

  it('refuses what is not a list of names', () => {
    for (const value of ['x-trace;q=1', 'x-trace authorization', 'x-trace:1', '"x-trace"', 'x-trace\u00e9']) {
      expect(checkRequestedHeaders(value, allowed(), bound), value).toBe(HEADERS_MALFORMED);
    }
    expect(checkRequestedHeaders('x y', undefined, 4096)).toBe(HEADERS_MALFORMED);
  });

  it('bounds the work by the policy: a value longer than the allowed names is refused unread', () => {
    for (const junk of [','.repeat(1 << 20), ' '.repeat(1 << 20), 'x'.repeat(1 << 20), 'content-type,'.repeat(80_000)]) {
      const set = allowed();
      expect(checkRequestedHeaders(junk, set, bound)).toBe(HEADERS_TOO_LONG);
      expect(set.lookups).toBe(0);
    }
    // Within the bound the cost is one lookup per name, at most as many as the policy has.
    const set = allowed();
    expect(checkRequestedHeaders('content-type, x-trace, authorization', set, bound)).toBe(HEADERS_OK);
    expect(set.lookups).toBe(3);
  });

  it('with any header allowed, checks only the syntax, within a fixed cap', () => {
    expect(checkRequestedHeaders('x-a,x-b', undefined, 4096)).toBe(HEADERS_OK);
    expect(checkRequestedHeaders('x'.repeat(4097), undefined, 4096)).toBe(HEADERS_TOO_LONG);
  });
});
