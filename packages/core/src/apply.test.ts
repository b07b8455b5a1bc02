import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCors, mergeVary } from './apply.js';

const APP = 'https://app.example';
const cors = () => new Headers({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true', vary: 'Origin' });

describe('applyCors', () => {
  it('sets the Access-Control-* headers, replacing what the handler wrote', () => {
    const response = new Response('ok', { headers: { 'access-control-allow-origin': '*', 'x-own': '1' } });
    const result = applyCors(response, cors());
    expect(Object.fromEntries(result.headers)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'content-type': 'text/plain;charset=UTF-8',
      vary: 'Origin',
      'x-own': '1',
    });
  });

  it('adds Vary tokens case-insensitively, keeping the handler’s own', () => {
    const result = applyCors(new Response('ok', { headers: { vary: 'Accept-Encoding, origin' } }), cors());
    expect(result.headers.get('vary')).toBe('Accept-Encoding, origin');
    const other = applyCors(new Response('ok', { headers: { vary: 'Accept-Encoding' } }), cors());
    expect(other.headers.get('vary')).toBe('Accept-Encoding, Origin');
  });

  it('keeps Vary: * as *', () => {
    expect(applyCors(new Response('ok', { headers: { vary: '*' } }), cors()).headers.get('vary')).toBe('*');
  });

  it('is idempotent', () => {
    const once = applyCors(new Response('ok', { headers: { vary: 'Accept' } }), cors());
    const snapshot = [...once.headers];
    expect([...applyCors(once, cors()).headers]).toEqual(snapshot);
  });

  it('keeps status, statusText and every Set-Cookie', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const result = applyCors(new Response('gone', { status: 410, statusText: 'Gone For Good', headers }), cors());
    expect(result.status).toBe(410);
    expect(result.statusText).toBe('Gone For Good');
    expect(result.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('re-wraps a response with immutable headers (Response.redirect) instead of throwing', () => {
    const redirect = Response.redirect('https://app.example/next', 302);
    expect(() => redirect.headers.set('x', '1')).toThrow(TypeError);
    const result = applyCors(redirect, cors());
    expect(result).not.toBe(redirect);
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toBe('https://app.example/next');
    expect(result.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('returns 101 and webSocket responses and Response.error() untouched', () => {
    const upgrade = { status: 101, headers: new Headers({ upgrade: 'websocket' }) } as unknown as Response;
    expect(applyCors(upgrade, cors())).toBe(upgrade);
    expect(upgrade.headers.get('access-control-allow-origin')).toBeNull();
    const withSocket = Object.assign(new Response(null, { status: 200 }), { webSocket: {} });
    expect(applyCors(withSocket, cors())).toBe(withSocket);
    expect(withSocket.headers.get('vary')).toBeNull();
    const error = Response.error();
    expect(applyCors(error, cors())).toBe(error);
  });

  it('passes on errors that are not about immutability', () => {
    const response = new Response('ok');
    const broken = new Headers({ 'x-a': '1' });
    broken[Symbol.iterator] = () => {
      throw new RangeError('boom');
    };
    expect(() => applyCors(response, broken)).toThrow(RangeError);
  });
});

describe('rule 11: on a response Corsa touches, the CORS headers are exactly its answer', () => {
  const FOREIGN = {
    'access-control-allow-origin': 'https://evil.example',
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'x-secret',
    'access-control-allow-methods': '*',
    'access-control-allow-headers': '*',
    'access-control-max-age': '86400',
    'access-control-allow-private-network': 'true',
    'access-control-made-up': 'x',
    'corsa-refusal': 'written by someone else',
  };

  it('a refused answer (Vary only) removes every Access-Control-* and Corsa-Refusal the response carried', () => {
    const response = new Response('ok', { headers: { ...FOREIGN, 'x-own': '1', vary: 'Accept' } });
    expect(Object.fromEntries(applyCors(response, new Headers({ vary: 'Origin' })).headers)).toEqual({
      'content-type': 'text/plain;charset=UTF-8',
      vary: 'Accept, Origin',
      'x-own': '1',
    });
  });

  it('an allowed answer without credentials or exposed headers removes the foreign ACAC and ACEH', () => {
    const response = new Response('ok', { headers: FOREIGN });
    const answer = new Headers({ 'access-control-allow-origin': APP, vary: 'Origin' });
    expect(Object.fromEntries(applyCors(response, answer).headers)).toEqual({
      'access-control-allow-origin': APP,
      'content-type': 'text/plain;charset=UTF-8',
      vary: 'Origin',
    });
  });

  it('a debug answer keeps its own Corsa-Refusal, not the handler’s', () => {
    const answer = new Headers({ vary: 'Origin', 'corsa-refusal': 'ours' });
    expect(applyCors(new Response('ok', { headers: FOREIGN }), answer).headers.get('corsa-refusal')).toBe('ours');
  });
});

describe('applyCors on a response straight from fetch()', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, res) => {
      if (request.url === '/permissive') {
        // An upstream with a permissive CORS layer of its own: it reflects any origin with credentials.
        res.writeHead(200, {
          'access-control-allow-origin': request.headers.origin ?? '*',
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers': 'x-secret',
          'x-secret': 'upstream secret',
        });
        res.end('upstream');
        return;
      }
      res.setHeader('set-cookie', ['s=1; Path=/', 't=2; Path=/']);
      res.setHeader('vary', 'Accept-Encoding');
      res.writeHead(201, 'Made', { 'content-type': 'text/plain' });
      res.end('x'.repeat(256 * 1024));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('works although its headers are immutable, without reading or teeing the body', async () => {
    const upstream = await fetch(url);
    expect(() => upstream.headers.set('x', '1')).toThrow(TypeError);
    const body = upstream.body;
    const result = applyCors(upstream, cors());
    expect(result.body).toBe(body); // the same stream moved over: not read, not teed
    expect(result.status).toBe(201);
    expect(result.statusText).toBe('Made');
    expect(result.headers.getSetCookie()).toEqual(['s=1; Path=/', 't=2; Path=/']);
    expect(result.headers.get('vary')).toBe('Accept-Encoding, Origin');
    expect(result.headers.get('access-control-allow-origin')).toBe(APP);
    expect((await result.text()).length).toBe(256 * 1024);
  });

  it('removes the upstream’s own CORS grant for an origin Corsa refuses (immutable headers)', async () => {
    const upstream = await fetch(`${url}permissive`, { headers: { origin: 'https://evil.example' } });
    expect(upstream.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    const result = applyCors(upstream, new Headers({ vary: 'Origin' }));
    expect([...result.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(result.headers.get('x-secret')).toBe('upstream secret');
    expect(await result.text()).toBe('upstream');
  });
});

describe('mergeVary', () => {
  it.each([
    [null, 'Origin', 'Origin'],
    ['', 'Origin', 'Origin'],
    ['Accept', 'Origin', 'Accept, Origin'],
    ['accept, ORIGIN', 'Origin', 'accept, ORIGIN'],
    ['Accept', 'Origin, Access-Control-Request-Headers', 'Accept, Origin, Access-Control-Request-Headers'],
    ['*', 'Origin', '*'],
    ['Accept', '*', '*'],
    [' , Accept ,', 'Origin', ' , Accept ,, Origin'],
  ])('merges %j with %j into %j', (existing, added, merged) => {
    expect(mergeVary(existing, added)).toBe(merged);
  });
});
