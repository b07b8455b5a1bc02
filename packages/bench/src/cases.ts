// The benchmark's inputs: one policy, expressed in each library's options, and the
// requests of every case. Built once; every contender sees the same objects.
// The big and one-wildcard policies are credentialed wildcards, so the list is loaded as
// such an app loads it.
import '@corsa/core/public-suffix-list';

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

/** A request the case sends: built once for the core level, and anew per call where a server would build one. */
function spec(init: RequestInit): { request: Request; newRequest: () => Request } {
  return { request: new Request(URL_, init), newRequest: () => new Request(URL_, init) };
}
const actual = (origin?: string) => spec({ headers: origin ? { origin } : {} });
const preflight = (origin: string, requestHeaders?: string) =>
  spec({
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'PUT', ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}) },
  });

/** What a correct answer to the case looks like (checked once per contender before timing). */
export type Expectation = 'allowed-actual' | 'refused-actual' | 'no-origin' | 'allowed-preflight' | 'refused-preflight';

export interface Case {
  id: string;
  title: string;
  /** One Request, shared by every call (the core level: what a CORS function costs). */
  request: Request;
  /** A new Request per call (the Hono level: what a server pays per request). */
  newRequest: () => Request;
  expect: Expectation;
  /** Which policy the case runs under. */
  policy: PolicyName;
}

export const CASES: Case[] = [
  { id: 'actual-allowed', title: 'actual request, allowed origin', ...actual(APP), expect: 'allowed-actual', policy: 'small' },
  { id: 'actual-refused', title: 'actual request, refused origin', ...actual('https://evil.example'), expect: 'refused-actual', policy: 'small' },
  { id: 'no-origin', title: 'request without Origin', ...actual(), expect: 'no-origin', policy: 'small' },
  { id: 'preflight-allowed', title: 'preflight, allowed', ...preflight(APP, 'content-type,x-trace'), expect: 'allowed-preflight', policy: 'small' },
  { id: 'preflight-refused', title: 'preflight, refused origin', ...preflight('https://evil.example'), expect: 'refused-preflight', policy: 'small' },
  { id: 'big-exact', title: '1,100-pattern policy: exact origin #999', ...actual('https://app999.example'), expect: 'allowed-actual', policy: 'big' },
  {
    id: 'big-wildcard',
    title: '1,100-pattern policy: wildcard subdomain',
    ...actual('https://eu.tenant99.example'),
    expect: 'allowed-actual',
    policy: 'big',
  },
  {
    id: 'one-wildcard',
    title: 'one-pattern policy: the same wildcard subdomain',
    ...actual('https://eu.tenant99.example'),
    expect: 'allowed-actual',
    policy: 'one-wildcard',
  },
  { id: 'big-refused', title: '1,100-pattern policy: refused origin', ...actual('https://evil.example'), expect: 'refused-actual', policy: 'big' },
  {
    id: 'hostile-acrh',
    title: 'preflight with 1 MiB Access-Control-Request-Headers',
    ...preflight(APP, ','.repeat(1024 * 1024)),
    expect: 'refused-preflight',
    policy: 'small',
  },
  {
    id: 'hostile-method',
    title: 'preflight with a 1 MiB Access-Control-Request-Method',
    ...spec({ method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'X'.repeat(1024 * 1024) } }),
    expect: 'refused-preflight',
    policy: 'small',
  },
  {
    id: 'hostile-labels',
    title: 'one-pattern policy: a refused 150-label origin',
    ...actual(`https://${'a.'.repeat(150)}evil.example`),
    expect: 'refused-actual',
    policy: 'one-wildcard',
  },
  {
    id: 'hostile-origin',
    title: 'preflight with a 64 KiB Origin',
    ...preflight(`https://${'a'.repeat(64 * 1024)}.example`, 'content-type'),
    expect: 'refused-preflight',
    policy: 'small',
  },
];
