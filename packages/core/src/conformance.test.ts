// Table-driven browser flows: each vector runs a simulated cross-origin fetch (preflight
// when the standard needs one, then the actual request) through withCors, and the
// Fetch-standard oracle decides what a browser would do with the answers.

import { type BrowserRequest, browserFetch } from '@corsa/testkit';
import { describe, expect, it } from 'vitest';
import type { CorsOptions } from './options.js';
import { withCors } from './with-cors.js';

interface Vector {
  name: string;
  options: CorsOptions;
  request: BrowserRequest;
  allowed: boolean;
  preflighted?: boolean;
  /** Response headers the script must be able to read. */
  exposes?: string[];
}

const APP = 'https://app.example';
const list: CorsOptions = { origins: [APP, 'https://*.corp.example', 'http://localhost:*', 'http://127.0.0.1:8080'] };
const withCredentials: CorsOptions = { origins: [APP, 'https://*.corp.example'], credentials: true, exposeHeaders: ['X-Request-Id'] };
const strict: CorsOptions = { origins: [APP], methods: ['PUT'], allowHeaders: ['Content-Type', 'X-Trace'] };

const json = { 'content-type': 'application/json' };

const vectors: Vector[] = [
  // allowed and refused origins
  { name: 'simple GET from a listed origin', options: list, request: { origin: APP }, allowed: true, preflighted: false },
  { name: 'simple GET from an unlisted origin', options: list, request: { origin: 'https://other.example' }, allowed: false },
  { name: 'JSON PUT from a listed origin', options: list, request: { origin: APP, method: 'PUT', headers: json }, allowed: true, preflighted: true },
  { name: 'JSON PUT from an unlisted origin', options: list, request: { origin: 'https://other.example', method: 'PUT', headers: json }, allowed: false },
  // methods
  { name: 'a method outside the list', options: strict, request: { origin: APP, method: 'DELETE' }, allowed: false },
  { name: 'a listed method', options: strict, request: { origin: APP, method: 'PUT' }, allowed: true },
  { name: 'a lower-case custom method fetch() does not normalise', options: list, request: { origin: APP, method: 'patch' }, allowed: false },
  { name: 'any method with methods: *', options: { origins: [APP], methods: '*' }, request: { origin: APP, method: 'PROPFIND' }, allowed: true },
  {
    name: 'any method with methods: * and credentials',
    options: { origins: [APP], methods: '*', credentials: true },
    request: { origin: APP, method: 'PROPFIND', credentials: 'include' },
    allowed: true,
  },
  // headers
  { name: 'listed request headers', options: strict, request: { origin: APP, method: 'PUT', headers: { ...json, 'x-trace': '1' } }, allowed: true },
  { name: 'an unlisted request header', options: strict, request: { origin: APP, method: 'PUT', headers: { 'x-secret': '1' } }, allowed: false },
  {
    name: 'a custom header on a GET forces a preflight',
    options: list,
    request: { origin: APP, headers: { 'x-trace': '1' } },
    allowed: true,
    preflighted: true,
  },
  { name: 'Authorization with allowHeaders: *', options: list, request: { origin: APP, headers: { authorization: 'Bearer t' } }, allowed: true },
  {
    name: 'Authorization with allowHeaders: * and credentials',
    options: withCredentials,
    request: { origin: APP, headers: { authorization: 'Bearer t' }, credentials: 'include' },
    allowed: true,
  },
  { name: 'Authorization missing from the list', options: strict, request: { origin: APP, headers: { authorization: 'Bearer t' } }, allowed: false },
  {
    name: 'any header with credentials',
    options: withCredentials,
    request: { origin: APP, method: 'DELETE', headers: { 'x-a': '1', 'x-b': '2' }, credentials: 'include' },
    allowed: true,
  },
  // credentials
  {
    name: 'credentialed GET from a listed origin',
    options: withCredentials,
    request: { origin: APP, credentials: 'include' },
    allowed: true,
    exposes: ['x-request-id'],
  },
  { name: 'credentialed JSON PUT', options: withCredentials, request: { origin: APP, method: 'PUT', headers: json, credentials: 'include' }, allowed: true },
  {
    name: 'credentialed GET from an unlisted origin',
    options: withCredentials,
    request: { origin: 'https://evil.example', credentials: 'include' },
    allowed: false,
  },
  { name: 'credentialed GET to a policy without credentials', options: list, request: { origin: APP, credentials: 'include' }, allowed: false },
  { name: "credentialed GET to origins: '*'", options: { origins: '*' }, request: { origin: APP, credentials: 'include' }, allowed: false },
  {
    name: "GET to origins: '*'",
    options: { origins: '*', exposeHeaders: '*' },
    request: { origin: 'https://anyone.example' },
    allowed: true,
    exposes: ['x-request-id'],
  },
  { name: "JSON PUT to origins: '*'", options: { origins: '*' }, request: { origin: 'https://anyone.example', method: 'PUT', headers: json }, allowed: true },
  // wildcard subdomains
  { name: 'one label below a wildcard', options: list, request: { origin: 'https://eu.corp.example' }, allowed: true },
  { name: 'two labels below a wildcard', options: list, request: { origin: 'https://a.eu.corp.example', method: 'PUT' }, allowed: true },
  { name: 'the wildcard base itself', options: list, request: { origin: 'https://corp.example' }, allowed: false },
  { name: 'a wildcard subdomain over http', options: list, request: { origin: 'http://eu.corp.example' }, allowed: false },
  { name: 'a suffix look-alike of the wildcard base', options: list, request: { origin: 'https://evilcorp.example' }, allowed: false },
  { name: 'the wildcard base as a prefix', options: list, request: { origin: 'https://eu.corp.example.evil.com' }, allowed: false },
  { name: 'a wildcard subdomain with a port', options: list, request: { origin: 'https://eu.corp.example:8443' }, allowed: false },
  // port wildcards and localhost
  { name: 'localhost on any port', options: list, request: { origin: 'http://localhost:5173', method: 'PUT', headers: json }, allowed: true },
  { name: 'localhost on the default port', options: list, request: { origin: 'http://localhost' }, allowed: true },
  { name: 'localhost over https when only http is listed', options: list, request: { origin: 'https://localhost:5173' }, allowed: false },
  { name: 'a subdomain of localhost against a port wildcard', options: list, request: { origin: 'http://evil.localhost:5173' }, allowed: false },
  { name: 'the listed loopback address and port', options: list, request: { origin: 'http://127.0.0.1:8080' }, allowed: true },
  { name: 'the loopback address on another port', options: list, request: { origin: 'http://127.0.0.1:8081' }, allowed: false },
  {
    name: 'localhost with credentials',
    options: { origins: ['http://localhost:3000'], credentials: true },
    request: { origin: 'http://localhost:3000', credentials: 'include', method: 'PUT', headers: json },
    allowed: true,
  },
  // attack origins
  { name: 'a prefix attack', options: list, request: { origin: 'https://app.example.evil.com' }, allowed: false },
  { name: 'a suffix attack', options: list, request: { origin: 'https://evilapp.example' }, allowed: false },
  { name: 'a scheme downgrade', options: list, request: { origin: 'http://app.example' }, allowed: false },
  { name: 'an upper-case origin', options: list, request: { origin: 'https://APP.example' }, allowed: false },
  { name: 'the default port written out', options: list, request: { origin: 'https://app.example:443' }, allowed: false },
  { name: 'Origin: null', options: list, request: { origin: 'null' }, allowed: false },
  { name: 'Origin: null with credentials', options: withCredentials, request: { origin: 'null', credentials: 'include' }, allowed: false },
  { name: 'two Origin values', options: list, request: { origin: `${APP}, ${APP}` }, allowed: false },
  // predicates
  {
    name: 'a predicate that allows',
    options: { origins: (o) => o.endsWith('.partner.example'), credentials: true },
    request: { origin: 'https://x.partner.example', credentials: 'include', method: 'PUT' },
    allowed: true,
  },
  { name: 'an async predicate that refuses', options: { origins: async () => false }, request: { origin: APP, method: 'PUT' }, allowed: false },
];

describe('browser flows judged by the Fetch-standard oracle', () => {
  it.each(vectors)('$name', async (vector) => {
    let handlerRuns = 0;
    const serve = withCors(vector.options, () => {
      handlerRuns++;
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' } });
    });
    const outcome = await browserFetch(serve, vector.request);
    expect(outcome.ok, outcome.failure).toBe(vector.allowed);
    if (vector.preflighted !== undefined) expect(outcome.preflighted).toBe(vector.preflighted);
    // A preflight never reaches the handler; an actual request always does, even from a
    // refused origin (CORS is not authorization: the browser only hides the response).
    expect(handlerRuns).toBe(outcome.failedAt === 'preflight' ? 0 : 1);
    for (const name of vector.exposes ?? []) expect(outcome.exposed.has(name)).toBe(true);
  });
});
