// The benchmark's inputs: one policy, expressed in each library's options, and the
// requests of every case. Built once; every contender sees the same objects.

export const APP = 'https://app.example';

/** The policy every contender implements (Corsa's spelling). */
export const POLICY = {
  origins: [APP, 'https://admin.example'],
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['content-type', 'authorization', 'x-trace'],
  exposeHeaders: ['x-request-id'],
  maxAge: 600,
} as const;

/** 1,000 exact origins and 100 wildcard-subdomain patterns. */
export const BIG_EXACT = Array.from({ length: 1000 }, (_, i) => `https://app${i}.example`);
export const BIG_WILDCARD_BASES = Array.from({ length: 100 }, (_, i) => `tenant${i}.example`);
export const BIG_POLICY = { ...POLICY, origins: [...BIG_EXACT, ...BIG_WILDCARD_BASES.map((base) => `https://*.${base}`)] };
/** One wildcard pattern: what the 1,100-pattern policy's wildcard case is compared to. */
export const ONE_WILDCARD_POLICY = { ...POLICY, origins: ['https://*.tenant99.example'] };

export type PolicyName = 'small' | 'big' | 'one-wildcard';

const URL_ = 'https://api.example/r';
const actual = (origin?: string) => new Request(URL_, { headers: origin ? { origin } : {} });
const preflight = (origin: string, requestHeaders?: string) =>
  new Request(URL_, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'PUT', ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}) },
  });

/** What a correct answer to the case looks like (checked once per contender before timing). */
export type Expectation = 'allowed-actual' | 'refused-actual' | 'no-origin' | 'allowed-preflight' | 'refused-preflight';

export interface Case {
  id: string;
  title: string;
  request: Request;
  expect: Expectation;
  /** Which policy the case runs under. */
  policy: PolicyName;
}

export const CASES: Case[] = [
  { id: 'actual-allowed', title: 'actual request, allowed origin', request: actual(APP), expect: 'allowed-actual', policy: 'small' },
  { id: 'actual-refused', title: 'actual request, refused origin', request: actual('https://evil.example'), expect: 'refused-actual', policy: 'small' },
  { id: 'no-origin', title: 'request without Origin', request: actual(), expect: 'no-origin', policy: 'small' },
  { id: 'preflight-allowed', title: 'preflight, allowed', request: preflight(APP, 'content-type,x-trace'), expect: 'allowed-preflight', policy: 'small' },
  { id: 'preflight-refused', title: 'preflight, refused origin', request: preflight('https://evil.example'), expect: 'refused-preflight', policy: 'small' },
  { id: 'big-exact', title: '1,100-pattern policy: exact origin #999', request: actual('https://app999.example'), expect: 'allowed-actual', policy: 'big' },
  {
    id: 'big-wildcard',
    title: '1,100-pattern policy: wildcard subdomain',
    request: actual('https://eu.tenant99.example'),
    expect: 'allowed-actual',
    policy: 'big',
  },
  {
    id: 'one-wildcard',
    title: 'one-pattern policy: the same wildcard subdomain',
    request: actual('https://eu.tenant99.example'),
    expect: 'allowed-actual',
    policy: 'one-wildcard',
  },
  { id: 'big-refused', title: '1,100-pattern policy: refused origin', request: actual('https://evil.example'), expect: 'refused-actual', policy: 'big' },
  {
    id: 'hostile-acrh',
    title: 'preflight with 1 MiB Access-Control-Request-Headers',
    request: preflight(APP, ','.repeat(1024 * 1024)),
    expect: 'refused-preflight',
    policy: 'small',
  },
  {
    id: 'hostile-method',
    title: 'preflight with a 1 MiB Access-Control-Request-Method',
    request: new Request(URL_, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'X'.repeat(1024 * 1024) } }),
    expect: 'refused-preflight',
    policy: 'small',
  },
  {
    id: 'hostile-labels',
    title: 'one-pattern policy: a refused 150-label origin',
    request: actual(`https://${'a.'.repeat(150)}evil.example`),
    expect: 'refused-actual',
    policy: 'one-wildcard',
  },
  {
    id: 'hostile-origin',
    title: 'preflight with a 64 KiB Origin',
    request: preflight(`https://${'a'.repeat(64 * 1024)}.example`, 'content-type'),
    expect: 'refused-preflight',
    policy: 'small',
  },
];
