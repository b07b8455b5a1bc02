// The oracle judges every conformance vector, so it must itself refuse what browsers refuse.
import { describe, expect, it } from 'vitest';
import { corsCheck, corsUnsafeHeaderNames, needsPreflight, preflightCheck } from './fetch-oracle.js';

const APP = 'https://app.example';
const response = (headers: Record<string, string>, status = 204) => new Response(null, { status, headers });
const put = { origin: APP, method: 'PUT', headers: {}, credentials: 'same-origin' as const };

describe('the Fetch-standard oracle', () => {
  it('fails the CORS check the way browsers do', () => {
    expect(corsCheck(APP, 'omit', response({}))).toContain("no 'Access-Control-Allow-Origin' header is present");
    expect(corsCheck(APP, 'include', response({ 'access-control-allow-origin': '*' }))).toContain("wildcard '*'");
    expect(corsCheck(APP, 'omit', response({ 'access-control-allow-origin': 'https://app.example/' }))).toBeDefined();
    expect(corsCheck(APP, 'omit', response({ 'access-control-allow-origin': `${APP}, ${APP}` }))).toBeDefined();
    expect(corsCheck(APP, 'include', response({ 'access-control-allow-origin': APP }))).toContain('Credentials');
    expect(corsCheck(APP, 'include', response({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'TRUE' }))).toBeDefined();
    expect(corsCheck(APP, 'include', response({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' }))).toBeUndefined();
    expect(corsCheck(APP, 'omit', response({ 'access-control-allow-origin': '*' }))).toBeUndefined();
  });

  it('fails the preflight check the way browsers do', () => {
    const ok = { 'access-control-allow-origin': APP };
    expect(preflightCheck(put, response(ok))).toBeUndefined(); // no ACAM: the requested method is implied
    expect(preflightCheck(put, response({ ...ok, 'access-control-allow-methods': 'GET' }))).toContain('Method PUT');
    expect(preflightCheck(put, response({ ...ok, 'access-control-allow-methods': 'put' }))).toContain('Method PUT');
    expect(
      preflightCheck({ ...put, credentials: 'include' }, response({ ...ok, 'access-control-allow-credentials': 'true', 'access-control-allow-methods': '*' })),
    ).toContain('Method PUT');
    expect(preflightCheck(put, response({ ...ok, 'access-control-allow-methods': '*' }, 403))).toContain('ok status');
    const auth = { ...put, headers: { authorization: 'x' } };
    expect(preflightCheck(auth, response({ ...ok, 'access-control-allow-headers': '*' }))).toContain('authorization');
    expect(preflightCheck(auth, response({ ...ok, 'access-control-allow-headers': '*, Authorization' }))).toBeUndefined();
    expect(preflightCheck({ ...put, headers: { 'x-a': '1' } }, response({ ...ok, 'access-control-allow-headers': 'x-b' }))).toContain('x-a');
    expect(preflightCheck({ ...put, headers: { 'x-a': '1' } }, response({ ...ok, 'access-control-allow-headers': 'x a' }))).toContain('parse');
  });

  it('knows which requests need a preflight', () => {
    expect(needsPreflight('GET', {})).toBe(false);
    expect(needsPreflight('POST', { 'content-type': 'text/plain;charset=utf-8' })).toBe(false);
    expect(needsPreflight('POST', { 'content-type': 'application/json' })).toBe(true);
    expect(needsPreflight('PATCH', {})).toBe(true);
    expect(corsUnsafeHeaderNames({ 'X-B': '1', 'x-a': '2', Accept: 'x' })).toEqual(['x-a', 'x-b']);
  });
});
