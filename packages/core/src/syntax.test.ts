import { describe, expect, it } from 'vitest';
import { isToken, MAX_ORIGIN_LENGTH, scanOrigin, toHeaderSafe } from './syntax.js';

describe('scanOrigin: the serialised origins browsers send', () => {
  it.each([
    ['https://app.example', 19],
    ['http://localhost:5173', 16],
    ['http://127.0.0.1:8080', 16],
    ['http://[::1]:3000', 12],
    ['http://[2001:db8::1]', 20],
    ['chrome-extension://abcdefghijklmnop', 35],
    ['https://xn--bcher-kva.example', 29],
    ['https://a_b.example', 19],
    ['https://example.com.', 20],
  ])('accepts %s (host ends at %i)', (origin, hostEnd) => {
    expect(scanOrigin(origin)).toBe(hostEnd);
  });

  it.each([
    '',
    'null',
    'app.example',
    'https:/app.example',
    'https//app.example',
    'HTTPS://app.example',
    'https://App.example',
    'https://app.example/',
    'https://app.example:',
    'https://app.example:0',
    'https://app.example:08080',
    'https://app.example:65536',
    'https://app.example:443',
    'http://app.example:80',
    'https://app.example:1a',
    'https://',
    'https://.example',
    'https://a..example',
    'https://a b',
    'https://a,b',
    'https://app.example, https://app.example',
    'https://bücher.example',
    'http://[::1',
    'http://[]',
    'http://[::g]',
    'https://a@b.example',
    '1http://a',
    'ht*p://a',
    'https://app.example:99999',
  ])('refuses %j', (origin) => {
    expect(scanOrigin(origin)).toBe(-1);
  });

  it('refuses anything longer than MAX_ORIGIN_LENGTH before reading it', () => {
    const longest = `https://${'a'.repeat(MAX_ORIGIN_LENGTH - 8)}`;
    expect(scanOrigin(longest)).toBe(MAX_ORIGIN_LENGTH);
    expect(scanOrigin(`${longest}a`)).toBe(-1);
  });
});

describe('isToken', () => {
  it('accepts RFC 9110 tokens and refuses everything else', () => {
    for (const ok of ['GET', 'x-trace', "!#$%&'*+-.^_`|~09azAZ"]) expect(isToken(ok)).toBe(true);
    for (const bad of ['', 'a b', 'a,b', 'a:b', 'é', 'a\u0000', '(x)', 'a"b']) expect(isToken(bad)).toBe(false);
  });
});

describe('toHeaderSafe', () => {
  it('makes any text a valid header value', () => {
    expect(toHeaderSafe('ok text')).toBe('ok text');
    expect(toHeaderSafe('a\r\nb\u0000é')).toBe('a??b??');
    expect(toHeaderSafe('x'.repeat(500))).toBe(`${'x'.repeat(400)}...`);
    expect(() => new Headers({ a: toHeaderSafe('\u2028 \n \u00ff') })).not.toThrow();
  });
});
