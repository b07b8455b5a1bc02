// cachedOrigins and livePolicy in Node, through evaluateCors as an adapter calls it, with
// a store double that counts its reads (Workers KV and Deno KV: packages/workers and
// packages/deno run the same behaviours against the real stores).
import { actualRequest, preflightRequest } from '@corsa/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedOrigins, OriginLookupError } from './cached-origins.js';
import { evaluateCors } from './evaluate.js';
import { livePolicy } from './live-policy.js';
import type { CorsRefusal } from './options.js';
import { createCorsPolicy } from './policy.js';

const SHOP = 'https://shop.example';

/** A store of allowed origins that counts lookups; `answer` may be replaced to make it fail or hang. */
function store(allowed: string[] = [SHOP]) {
  const origins = new Set(allowed);
  const reads: string[] = [];
  const double = {
    origins,
    reads,
    answer: async (origin: string): Promise<boolean> => origins.has(origin),
    lookup: (origin: string) => {
      reads.push(origin);
      return double.answer(origin);
    },
  };
  return double;
}

/** The Access-Control-Allow-Origin evaluateCors gives an actual request from `origin` (null: refused). */
async function allowOrigin(policy: ReturnType<typeof createCorsPolicy>, origin: string): Promise<string | null> {
  const answer = await evaluateCors(policy, actualRequest(origin));
  return (answer as Headers).get('access-control-allow-origin');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('cachedOrigins: the store is read as rarely as it can be', () => {
  it('1,000 concurrent first requests for one origin cause one lookup; then the answer is synchronous', async () => {
    const kv = store();
    const policy = createCorsPolicy({ origins: cachedOrigins(kv.lookup, { ttl: 60_000 }) });
    const answers = await Promise.all(Array.from({ length: 1000 }, () => allowOrigin(policy, SHOP)));
    expect(new Set(answers)).toEqual(new Set([SHOP]));
    expect(kv.reads).toEqual([SHOP]);
    const warm = evaluateCors(policy, actualRequest(SHOP));
    expect(warm).toBeInstanceOf(Headers); // not a Promise: no store, no await
    expect((warm as Headers).get('access-control-allow-origin')).toBe(SHOP);
  });

  it('10,000 distinct random origins: memory bounded by max, one lookup each per negativeTtl', async () => {
    const kv = store();
    const origins = cachedOrigins(kv.lookup, { ttl: 60_000, negativeTtl: 30_000, max: 500 });
    const policy = createCorsPolicy({ origins });
    const random = Array.from({ length: 10_000 }, (_, i) => `https://r${i}-${Math.random().toString(36).slice(2, 8)}.example`);
    for (const origin of random) expect(await allowOrigin(policy, origin)).toBeNull();
    expect(kv.reads).toHaveLength(10_000);
    expect(origins.size).toBe(500);
    // The 500 most recent are remembered: asked again within negativeTtl, no lookup.
    for (const origin of random.slice(-500)) expect(await allowOrigin(policy, origin)).toBeNull();
    expect(kv.reads).toHaveLength(10_000);
    vi.advanceTimersByTime(30_000 + 30_001); // past negativeTtl and its stale window
    await allowOrigin(policy, random.at(-1) as string);
    expect(kv.reads).toHaveLength(10_001);
  });

  it('garbage never reaches the store: only valid serialised origins are looked up', async () => {
    const kv = store();
    const policy = createCorsPolicy({ origins: cachedOrigins(kv.lookup, { ttl: 1000 }) });
    for (const junk of ['null', 'https://shop.example/', 'shop.example', 'https://', `https://${'a'.repeat(400)}.example`, 'https://shop.example:99999']) {
      expect(await allowOrigin(policy, junk)).toBeNull();
    }
    expect(kv.reads).toEqual([]);
  });

  it('an answer expires after ttl (positive) and negativeTtl (negative); staleFor 0 makes the request wait for the store', async () => {
    const kv = store();
    const policy = createCorsPolicy({ origins: cachedOrigins(kv.lookup, { ttl: 1000, negativeTtl: 200, staleFor: 0 }) });
    await allowOrigin(policy, SHOP);
    await allowOrigin(policy, 'https://other.example');
    vi.advanceTimersByTime(201);
    kv.origins.add('https://other.example');
    expect(await allowOrigin(policy, 'https://other.example')).toBe('https://other.example'); // the negative expired
    expect(await allowOrigin(policy, SHOP)).toBe(SHOP); // still fresh
    expect(kv.reads).toEqual([SHOP, 'https://other.example', 'https://other.example']);
    kv.origins.delete(SHOP);
    vi.advanceTimersByTime(1000);
    expect(await allowOrigin(policy, SHOP)).toBeNull(); // expired, looked up, now refused
  });

  it('stale-while-revalidate: an expired answer is served at once while one lookup refreshes it', async () => {
    const kv = store();
    const policy = createCorsPolicy({ origins: cachedOrigins(kv.lookup, { ttl: 1000, staleFor: 5000 }) });
    await allowOrigin(policy, SHOP);
    vi.advanceTimersByTime(1500);
    kv.origins.delete(SHOP); // removed from the store meanwhile
    const served = Array.from({ length: 50 }, () => evaluateCors(policy, actualRequest(SHOP)));
    for (const answer of served) expect((answer as Headers).get('access-control-allow-origin')).toBe(SHOP); // synchronous, stale
    expect(kv.reads).toEqual([SHOP, SHOP]); // one refresh for the 50
    await vi.advanceTimersByTimeAsync(0);
    expect(await allowOrigin(policy, SHOP)).toBeNull(); // the refreshed answer
  });

  it('invalidate(origin) forgets one answer at once; invalidate() every answer', async () => {
    const kv = store();
    const origins = cachedOrigins(kv.lookup, { ttl: 3_600_000 });
    const policy = createCorsPolicy({ origins });
    await allowOrigin(policy, SHOP);
    await allowOrigin(policy, 'https://new.example');
    kv.origins.delete(SHOP);
    kv.origins.add('https://new.example');
    origins.invalidate(SHOP);
    expect(await allowOrigin(policy, SHOP)).toBeNull();
    expect(await allowOrigin(policy, 'https://new.example')).toBeNull(); // still its cached answer
    origins.invalidate();
    expect(origins.size).toBe(0);
    expect(await allowOrigin(policy, 'https://new.example')).toBe('https://new.example');
  });

  it('a lookup in flight when its origin is invalidated does not write its (older) answer back', async () => {
    const kv = store();
    let release: (value: boolean) => void = () => {};
    kv.answer = () => new Promise<boolean>((resolve) => (release = resolve));
    const origins = cachedOrigins(kv.lookup, { ttl: 60_000 });
    const policy = createCorsPolicy({ origins, predicateTimeout: 60_000 });
    const first = allowOrigin(policy, SHOP);
    origins.invalidate(SHOP);
    release(true);
    expect(await first).toBe(SHOP);
    expect(origins.size).toBe(0);
  });
});

describe('cachedOrigins: a failing store refuses (fail closed), is reported, and is not hammered', () => {
  it.each([
    [
      'throws',
      () => () => {
        throw new Error('KV binding missing');
      },
      'KV binding missing',
    ],
    ['rejects', () => () => Promise.reject(new Error('KV unavailable')), 'KV unavailable'],
    ['answers a string', () => () => Promise.resolve('yes' as unknown as boolean), 'answered string, not true or false'],
    ['hangs', () => () => new Promise<boolean>(() => {}), 'did not answer within 50 ms'],
  ])('a lookup that %s: refused, onRefusal gets the error, no new lookup for retryAfter, then retried', async (_, failing, message) => {
    const kv = store();
    kv.answer = failing() as (origin: string) => Promise<boolean>;
    const refusals: CorsRefusal[] = [];
    const policy = createCorsPolicy({
      origins: cachedOrigins(kv.lookup, { ttl: 60_000, timeout: 50, retryAfter: 1000 }),
      onRefusal: (refusal) => refusals.push(refusal),
    });
    const pending = evaluateCors(policy, preflightRequest(SHOP, 'PUT'));
    await vi.advanceTimersByTimeAsync(50);
    expect(((await pending) as Response).status).toBe(403);
    expect(String((refusals[0]?.error as Error)?.message)).toContain(message);
    const during = evaluateCors(policy, actualRequest(SHOP));
    expect(((await during) as Headers).get('access-control-allow-origin')).toBeNull();
    expect(refusals[1]?.error).toBe(refusals[0]?.error); // the same failure, reported again
    expect(kv.reads).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    kv.answer = async (origin) => kv.origins.has(origin);
    expect(await allowOrigin(policy, SHOP)).toBe(SHOP); // retried after the back-off
    expect(kv.reads).toHaveLength(2);
  });

  it('lookups in flight are bounded by max: beyond it, origins are refused without a store read', async () => {
    const kv = store();
    kv.answer = () => new Promise<boolean>(() => {});
    const policy = createCorsPolicy({ origins: cachedOrigins(kv.lookup, { ttl: 1000, max: 10, timeout: 10_000 }), predicateTimeout: 60_000 });
    const pending = Array.from({ length: 20 }, (_, i) => evaluateCors(policy, actualRequest(`https://o${i}.example`)));
    expect(kv.reads).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(10_000);
    for (const answer of await Promise.all(pending)) expect((answer as Headers).get('access-control-allow-origin')).toBeNull();
  });

  it('with credentials, the always-true check applies: a lookup that says yes to everything is refused for every origin', async () => {
    const refusals: CorsRefusal[] = [];
    const policy = createCorsPolicy({
      origins: cachedOrigins(async () => true, { ttl: 60_000 }),
      credentials: true,
      onRefusal: (refusal) => refusals.push(refusal),
    });
    expect(await allowOrigin(policy, SHOP)).toBeNull();
    expect(String(refusals[0]?.error)).toMatch(/always/i);
  });

  it('refuses bad options at once, naming them', () => {
    expect(() => cachedOrigins(store().lookup, { ttl: 0 })).toThrow('ttl must be a whole number of milliseconds ≥ 1, got 0');
    expect(() => cachedOrigins(store().lookup, { ttl: 1000, max: 1.5 })).toThrow('max must be a whole number');
    expect(() => cachedOrigins('kv' as never, { ttl: 1000 })).toThrow('lookup must be a function');
    expect(() => cachedOrigins(store().lookup, undefined as never)).toThrow('ttl must be a whole number');
    expect(new OriginLookupError('x').name).toBe('OriginLookupError');
  });
});

describe('livePolicy: a running policy replaced whole', () => {
  it('the next request sees the new policy; a bad replacement throws and leaves the running one', async () => {
    const live = livePolicy({ origins: [SHOP] });
    const before = live();
    expect(await allowOrigin(live(), 'https://new.example')).toBeNull();
    const next = live.replace({ origins: [SHOP, 'https://new.example'], debug: true });
    expect(live()).toBe(next);
    expect(live.current).toBe(next);
    expect(await allowOrigin(live(), 'https://new.example')).toBe('https://new.example');
    expect(before).not.toBe(next); // a request that took the old policy keeps it whole
    expect(() => live.replace({ origins: ['not an origin'] })).toThrow();
    expect(live()).toBe(next);
  });
});
