// fast-check generators for policies and requests, and an independent model of what a
// policy allows (written from the design's grammar with the URL parser, sharing no code
// with Corsa). The property tests compare Corsa, judged by the Fetch oracle, to it.
import type { CorsOptions } from '@corsa/core';
import fc from 'fast-check';
import type { BrowserRequest, CredentialsMode } from './fetch-oracle.js';

const HOSTS = [
  'app.example',
  'a.app.example',
  'b.c.app.example',
  'evil.example',
  'app.example.evil.com',
  'evilapp.example',
  'localhost',
  'a.localhost',
  '127.0.0.1',
  '[::1]',
];
const PORTS = ['', ':5173', ':8080'];
const SCHEMES = ['https', 'http'];

/** Options as the property tests describe them; `predicate` lists what a predicate allows. */
export interface PolicySpec {
  origins: '*' | { patterns: string[] } | { predicate: string[] };
  credentials: boolean;
  methods: '*' | string[];
  allowHeaders: '*' | string[];
  exposeHeaders: string[];
}

/** The options object a spec stands for. */
export function optionsOf(spec: PolicySpec): CorsOptions {
  const origins =
    spec.origins === '*'
      ? '*'
      : 'patterns' in spec.origins
        ? spec.origins.patterns
        : (
            (allowed: string[]) => (origin: string) =>
              allowed.includes(origin)
          )(spec.origins.predicate);
  // The arbitrary only builds valid combinations; the union type cannot see that.
  return {
    origins,
    credentials: spec.credentials,
    methods: spec.methods,
    allowHeaders: spec.allowHeaders,
    exposeHeaders: spec.exposeHeaders,
  } as unknown as CorsOptions;
}

export const originArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SCHEMES), fc.constantFrom(...HOSTS), fc.constantFrom(...PORTS))
  .map(([scheme, host, port]) => `${scheme}://${host}${port}`);

// Patterns that are valid whatever the credentials: https exact/wildcard, http only on loopback.
const patternArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...HOSTS.filter((h) => h !== '[::1]' && !h.startsWith('127'))), fc.constantFrom(...PORTS)).map(([h, p]) => `https://${h}${p}`),
  fc.constantFrom('app.example', 'c.app.example', 'evil.example').map((base) => `https://*.${base}`),
  fc.constantFrom('http://localhost:*', 'http://*.localhost:*', 'http://127.0.0.1:8080', 'http://[::1]:5173', 'https://*.app.example:8080'),
);

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'X-CUSTOM'];
const HEADER_NAMES = ['content-type', 'x-trace', 'x-other', 'authorization'];

export const policySpecArb: fc.Arbitrary<PolicySpec> = fc
  .record({
    kind: fc.constantFrom('any', 'patterns', 'predicate'),
    patterns: fc.uniqueArray(patternArb, { minLength: 1, maxLength: 5 }),
    predicate: fc.uniqueArray(originArb, { minLength: 1, maxLength: 5 }),
    credentials: fc.boolean(),
    methods: fc.oneof(fc.constant('*' as const), fc.uniqueArray(fc.constantFrom(...METHODS), { maxLength: 5 })),
    allowHeaders: fc.oneof(fc.constant('*' as const), fc.uniqueArray(fc.constantFrom(...HEADER_NAMES), { maxLength: 4 })),
    exposeHeaders: fc.uniqueArray(fc.constantFrom('x-request-id', 'x-total'), { maxLength: 2 }),
  })
  .map(
    (r): PolicySpec => ({
      origins: r.kind === 'any' ? '*' : r.kind === 'patterns' ? { patterns: r.patterns } : { predicate: r.predicate },
      credentials: r.kind === 'any' ? false : r.credentials,
      methods: r.methods,
      allowHeaders: r.allowHeaders,
      exposeHeaders: r.exposeHeaders,
    }),
  );

// What a header value may hold after Headers trims it: visible ASCII and Latin-1, no
// leading or trailing space.
const junkArb = fc
  .string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 })
  .filter((s) => s.charCodeAt(0) !== 0x7f);

const nearMissArb = fc.tuple(originArb, fc.constantFrom('upper', 'slash', 'path', 'default-port', 'prefix', 'suffix', 'two')).map(([origin, how]) => {
  switch (how) {
    case 'upper':
      return origin.toUpperCase();
    case 'slash':
      return `${origin}/`;
    case 'path':
      return `${origin}/x`;
    case 'default-port':
      return origin.startsWith('https') ? `${origin.replace(/:\d+$/, '')}:443` : `${origin.replace(/:\d+$/, '')}:80`;
    case 'prefix':
      return origin.replace('://', '://x');
    case 'suffix':
      return `${origin}.evil.com`;
    default:
      return `${origin}, https://evil.example`;
  }
});

/** An Origin header: absent (undefined), `null`, valid, a near miss, or junk. */
export const requestOriginArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('null') },
  { weight: 6, arbitrary: originArb },
  { weight: 2, arbitrary: nearMissArb },
  { weight: 1, arbitrary: junkArb },
);

export const browserRequestArb: fc.Arbitrary<BrowserRequest> = fc
  .record({
    origin: requestOriginArb.filter((o): o is string => o !== undefined),
    method: fc.constantFrom(...METHODS, 'patch', 'put'),
    headers: fc.uniqueArray(fc.constantFrom(...HEADER_NAMES, 'accept'), { maxLength: 4 }),
    credentials: fc.constantFrom<CredentialsMode>('omit', 'same-origin', 'include'),
  })
  .map((r) => ({
    origin: r.origin,
    method: r.method,
    headers: Object.fromEntries(r.headers.map((name) => [name, name === 'content-type' ? 'application/json' : 'v'])),
    credentials: r.credentials,
  }));

/** Serialised the way browsers send it: what the URL parser writes, no empty label. */
function isSerialisedOrigin(origin: string): URL | undefined {
  try {
    const url = new URL(origin);
    if (url.origin !== origin || url.hostname.split('.').some((label) => label === '')) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/** The model of the origin pattern grammar, from the design card. */
export function patternMatches(pattern: string, origin: string): boolean {
  const url = isSerialisedOrigin(origin);
  if (!url) return false;
  const [scheme, rest = ''] = pattern.split('://');
  const portAt = rest.startsWith('[') ? rest.indexOf(':', rest.indexOf(']')) : rest.lastIndexOf(':');
  const hostPattern = portAt >= 0 ? rest.slice(0, portAt) : rest;
  const port = portAt >= 0 ? rest.slice(portAt + 1) : '';
  if (url.protocol !== `${scheme}:`) return false;
  if (port !== '*' && url.port !== port) return false;
  if (hostPattern.startsWith('*.')) {
    const base = hostPattern.slice(2);
    return url.hostname.endsWith(`.${base}`) && url.hostname.length > base.length + 1;
  }
  return url.hostname === hostPattern;
}

const SAFE = ['GET', 'HEAD', 'POST'];

/** Whether a browser following the standard completes `request` under `spec`, per the model. */
export function modelAllows(spec: PolicySpec, request: BrowserRequest): boolean {
  const origin = request.origin;
  const originOk =
    spec.origins === '*'
      ? true
      : 'patterns' in spec.origins
        ? spec.origins.patterns.some((p) => patternMatches(p, origin))
        : isSerialisedOrigin(origin) !== undefined && spec.origins.predicate.includes(origin);
  if (!originOk) return false;
  if (request.credentials === 'include' && (spec.origins === '*' || !spec.credentials)) return false;
  const method = request.method ?? 'GET';
  const unsafeHeaders = Object.keys(request.headers ?? {}).filter((name) => name !== 'accept');
  const preflight = !SAFE.includes(method) || unsafeHeaders.length > 0;
  if (!preflight) return true;
  const methodOk = SAFE.includes(method) || spec.methods === '*' || spec.methods.includes(method);
  const allowHeaders = spec.allowHeaders;
  const headersOk = allowHeaders === '*' || unsafeHeaders.every((name) => allowHeaders.includes(name));
  return methodOk && headersOk;
}
