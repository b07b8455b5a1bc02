// The oracle judges every conformance vector and every `corsa check`, so it must itself
// refuse what browsers refuse (each case below was also measured in the three engines:
// packages/browser/src/cli-agreement.test.ts).
import { describe, expect, it } from 'vitest';
import { ENGINE_FACTS } from './engine-facts.js';
import {
  corsCheck,
  corsUnsafeHeaderNames,
  exposedHeaderNames,
  followRedirect,
  isForbiddenRequestHeader,
  needsPreflight,
  normalizeHeaderValue,
  normalizeMethod,
  preflightCheck,
} from './fetch-standard.js';

const APP = 'https://app.example';
const headers = (init: Record<string, string>) => new Headers(init);
const put = { origin: APP, method: 'PUT', headers: {}, credentials: 'same-origin' as const };
const kind = (failure: { kind: string } | undefined) => failure?.kind;

describe('the CORS check', () => {
  it('fails the way browsers do, naming the kind', () => {
    expect(kind(corsCheck(APP, 'omit', headers({})))).toBe('no-allow-origin');
    expect(kind(corsCheck(APP, 'include', headers({ 'access-control-allow-origin': '*' })))).toBe('wildcard-with-credentials');
    expect(corsCheck(APP, 'omit', headers({ 'access-control-allow-origin': `${APP}/` }))).toMatchObject({ kind: 'allow-origin-mismatch', value: `${APP}/` });
    expect(kind(corsCheck(APP, 'omit', headers({ 'access-control-allow-origin': `${APP}, ${APP}` })))).toBe('multiple-allow-origin');
    expect(corsCheck(APP, 'include', headers({ 'access-control-allow-origin': APP }))).toMatchObject({ kind: 'credentials-not-allowed', value: '' });
    expect(corsCheck(APP, 'include', headers({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'TRUE' }))).toMatchObject({
      value: 'TRUE',
    });
    expect(corsCheck(APP, 'include', headers({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' }))).toBeUndefined();
    expect(corsCheck(APP, 'omit', headers({ 'access-control-allow-origin': '*' }))).toBeUndefined();
    expect(corsCheck('null', 'omit', headers({ 'access-control-allow-origin': 'null' }))).toBeUndefined(); // a tainted origin
  });
});

describe('the preflight check', () => {
  const ok = { 'access-control-allow-origin': APP };
  it('fails the way browsers do', () => {
    expect(kind(preflightCheck(put, 204, headers(ok)))).toBe('method-not-allowed'); // no ACAM: only GET, HEAD, POST
    expect(preflightCheck(put, 204, headers({ ...ok, 'access-control-allow-methods': 'PUT' }))).toBeUndefined();
    expect(kind(preflightCheck(put, 204, headers({ ...ok, 'access-control-allow-methods': 'put' })))).toBe('method-not-allowed');
    const credentialed = { ...put, credentials: 'include' as const };
    const withCredentials = { ...ok, 'access-control-allow-credentials': 'true' };
    expect(kind(preflightCheck(credentialed, 204, headers({ ...withCredentials, 'access-control-allow-methods': '*' })))).toBe('method-not-allowed');
    expect(kind(preflightCheck(put, 403, headers({ ...ok, 'access-control-allow-methods': '*' })))).toBe('preflight-status');
    expect(kind(preflightCheck(put, 307, headers({ ...ok, 'access-control-allow-methods': '*' })))).toBe('preflight-status');
    const get = { ...put, method: 'GET' };
    const auth = { ...get, headers: { Authorization: 'x' } };
    expect(preflightCheck(auth, 204, headers({ ...ok, 'access-control-allow-headers': '*' }))).toMatchObject({
      kind: 'header-not-allowed',
      header: 'Authorization',
    });
    expect(preflightCheck(auth, 204, headers({ ...ok, 'access-control-allow-headers': '*, Authorization' }))).toBeUndefined();
    expect(preflightCheck({ ...get, headers: { 'x-a': '1' } }, 204, headers({ ...ok, 'access-control-allow-headers': 'x-b' }))).toMatchObject({
      header: 'x-a',
    });
    expect(preflightCheck({ ...get, headers: { 'x-a': '1' } }, 204, headers({ ...ok, 'access-control-allow-headers': 'x a' }))).toMatchObject({
      kind: 'invalid-allow-headers',
      invalidItem: 'x a',
    });
    expect(
      kind(
        preflightCheck({ ...credentialed, method: 'GET', headers: { 'x-a': '1' } }, 204, headers({ ...withCredentials, 'access-control-allow-headers': '*' })),
      ),
    ).toBe('header-not-allowed');
  });

  it("applies each engine's measured deviations", () => {
    const auth = { ...put, method: 'GET', headers: { authorization: 'x' } };
    const star = headers({ 'access-control-allow-origin': APP, 'access-control-allow-headers': '*' });
    for (const facts of Object.values(ENGINE_FACTS)) expect(preflightCheck(auth, 204, star, facts.preflight)).toBeUndefined();
    const refusedAt403 = headers({});
    expect(kind(preflightCheck(put, 403, refusedAt403, ENGINE_FACTS.chromium.preflight))).toBe('no-allow-origin');
    expect(kind(preflightCheck(put, 403, refusedAt403, ENGINE_FACTS.firefox.preflight))).toBe('no-allow-origin');
    expect(kind(preflightCheck(put, 403, refusedAt403, ENGINE_FACTS.webkit.preflight))).toBe('preflight-status');
    expect(kind(preflightCheck(put, 301, refusedAt403, ENGINE_FACTS.chromium.preflight))).toBe('preflight-redirect');
  });
});

describe('requests', () => {
  it('knows which requests need a preflight', () => {
    expect(needsPreflight('GET', {})).toBe(false);
    expect(needsPreflight('POST', { 'content-type': 'text/plain;charset=utf-8' })).toBe(false);
    expect(needsPreflight('POST', { 'content-type': 'application/json' })).toBe(true);
    expect(needsPreflight('PATCH', {})).toBe(true);
    expect(needsPreflight('GET', { accept: 'x'.repeat(129) })).toBe(true); // safelisted values are at most 128 bytes
    expect(needsPreflight('GET', { 'content-language': 'en(' })).toBe(true);
    expect(needsPreflight('GET', { range: 'bytes=0-99' })).toBe(false);
    expect(needsPreflight('GET', { range: 'bytes=0-99,200-' })).toBe(true);
    expect(corsUnsafeHeaderNames({ 'X-B': '1', 'x-a': '2', Accept: 'x' })).toEqual(['x-a', 'x-b']);
  });

  it('normalizes methods and knows forbidden headers', () => {
    expect(normalizeMethod('put')).toBe('PUT');
    expect(normalizeMethod('patch')).toBe('patch'); // fetch() sends it as written
    expect(isForbiddenRequestHeader('Cookie')).toBe(true);
    expect(isForbiddenRequestHeader('sec-fetch-mode')).toBe(true);
    expect(isForbiddenRequestHeader('x-http-method-override', 'TRACE')).toBe(true);
    expect(isForbiddenRequestHeader('x-api-key')).toBe(false);
  });

  it('strips HTTP whitespace only, as browsers do: a \\v or \\f stays, and makes text/plain need a preflight (WPT)', () => {
    expect(normalizeHeaderValue(' \ttext/plain\r\n')).toBe('text/plain');
    expect(normalizeHeaderValue('text/plain\v')).toBe('text/plain\v');
    expect(normalizeHeaderValue('\ftext/plain')).toBe('\ftext/plain');
    expect(normalizeHeaderValue('text/plain\u00a0')).toBe('text/plain\u00a0');
    expect(needsPreflight('POST', { 'content-type': 'text/plain\v' })).toBe(true);
    expect(needsPreflight('POST', { 'content-type': 'text/plain\f' })).toBe(true);
    expect(needsPreflight('POST', { 'content-type': 'text/plain \t; charset=utf-8' })).toBe(false);
    expect(isForbiddenRequestHeader('x-http-method-override', 'GET,\tTRACE ')).toBe(true);
  });
});

describe('responses', () => {
  it('never exposes a forbidden response-header name (Set-Cookie, Set-Cookie2), listed or under *', () => {
    const listed = headers({ 'access-control-expose-headers': 'Set-Cookie, set-cookie2, X-Id', 'set-cookie': 'a=1', 'set-cookie2': 'b=2', 'x-id': '1' });
    expect([...exposedHeaderNames(listed, 'same-origin')].filter((name) => name.startsWith('set-') || name === 'x-id')).toEqual(['x-id']);
    const star = headers({ 'access-control-expose-headers': '*', 'set-cookie': 'a=1', 'set-cookie2': 'b=2', 'x-id': '1' });
    expect(exposedHeaderNames(star, 'same-origin').has('set-cookie2')).toBe(false);
    expect(exposedHeaderNames(star, 'same-origin').has('x-id')).toBe(true);
  });
});

describe('redirects', () => {
  const current = {
    url: 'https://api.example/a',
    method: 'POST',
    headers: { Authorization: 'x', 'content-type': 'text/plain' },
    tainted: false,
    pageOrigin: APP,
  };
  it('follows the standard: 303 turns into GET, a cross-origin hop drops Authorization and taints the origin', () => {
    expect(followRedirect(current, 303, 'https://other.example/b', 0)).toEqual({ url: 'https://other.example/b', method: 'GET', headers: {}, tainted: true });
    expect(followRedirect(current, 307, '/b', 0)).toEqual({ url: 'https://api.example/b', method: 'POST', headers: current.headers, tainted: false });
    expect(followRedirect(current, 307, 'https://other.example/b', 0, true)).toMatchObject({ headers: current.headers }); // WebKit keeps it
  });
  it('refuses credentials in the Location and more than 20 hops', () => {
    expect(followRedirect(current, 302, 'https://u:p@other.example/', 0)).toMatchObject({ kind: 'redirect-with-credentials' });
    expect(followRedirect(current, 302, '/b', 20)).toMatchObject({ kind: 'too-many-redirects' });
    expect(followRedirect(current, 302, 'ftp://x/', 0)).toMatchObject({ kind: 'redirect-not-http' });
  });
});
