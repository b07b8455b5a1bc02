// Allowed origins that live in a store (Workers KV, Deno KV, a database): an origins
// predicate over the user's `lookup` that reads the store as rarely as it can and never
// lets the store's trouble become an attacker's lever. Answers are cached (positive and
// negative, each with its TTL, at most `max` entries, least recently used out); a fresh
// answer is returned synchronously, so a warm policy answers without a Promise. One
// lookup runs per origin however many requests wait for it. An expired answer of a
// popular origin is served while one lookup refreshes it (stale-while-revalidate). A
// lookup that throws, rejects, answers anything but a boolean or takes longer than
// `timeout` refuses the origin (fail closed, the error reaches `onRefusal`) and is not
// tried again for `retryAfter` milliseconds, so a failing store is not hammered.
import { keepAlive } from './background.js';
import type { OriginPredicate } from './options.js';
import { isThenable } from './predicate.js';

/** Reads the store: is `origin` (a serialised origin such as `https://shop.example`) allowed? */
export type OriginLookup = (origin: string) => boolean | Promise<boolean>;

export interface CachedOriginsOptions {
  /** Milliseconds an allowed origin's answer is used before the store is asked again. A whole number ≥ 1. */
  readonly ttl: number;
  /** Milliseconds a refused origin's answer is kept (each unknown origin costs at most one lookup per period). @default ttl */
  readonly negativeTtl?: number;
  /** Most origins remembered; the least recently used goes first. Also bounds lookups in flight. @default 10000 */
  readonly max?: number;
  /**
   * Milliseconds after an answer's TTL during which it is still served while one lookup
   * refreshes it in the background (0: expired answers wait for the store). @default ttl
   */
  readonly staleFor?: number;
  /** Milliseconds a lookup may take before it counts as failed. Keep it under the policy's `predicateTimeout`. @default 2000 */
  readonly timeout?: number;
  /** Milliseconds an origin whose lookup failed stays refused before the store is asked again. @default 1000 */
  readonly retryAfter?: number;
}

/** An origins predicate backed by a store, with a way to forget answers at once. */
export interface CachedOrigins extends OriginPredicate {
  /** Forgets `origin`'s answer (or every answer): the next request for it asks the store. A lookup in flight for it is not reused. */
  invalidate(origin?: string): void;
  /** How many origins are remembered now (at most `max`). */
  readonly size: number;
}

/** Why an origin was refused without an answer from the store. */
export class OriginLookupError extends Error {
  override readonly name = 'OriginLookupError';
}

interface Entry {
  /** `true`/`false`: the store's answer; an Error: the lookup failed (refused until `until`). */
  readonly answer: boolean | Error;
  /** Until when the answer is fresh (ms since the epoch). */
  readonly until: number;
  /** Until when it may still be served while a refresh runs. */
  readonly staleUntil: number;
}

/** A lookup in flight, and when it counts as lost. */
interface Running {
  readonly answer: Promise<boolean>;
  readonly deadline: number;
}

const DEFAULTS = { max: 10_000, timeout: 2000, retryAfter: 1000 };

/** How long after a lookup's deadline a waiting request gives up on it (the lookup's own timeout, which is remembered, comes first). */
const WAITER_GRACE_MS = 50;

/**
 * An origins predicate (`origins: cachedOrigins(lookup, { ttl })`) that asks `lookup`
 * only for origins it has no fresh answer for. Produces no header itself: an allowed
 * origin gets `Access-Control-Allow-Origin: <the origin>` (with
 * `Access-Control-Allow-Credentials: true` under `credentials: true`) like any predicate;
 * a refused one gets no `Access-Control-*` header (preflight: 403). Corsa calls it only
 * with valid serialised origins, so garbage never costs a store read; with credentials
 * the policy's always-true check asks it about four impossible origins once (four lookups).
 * Throws a TypeError at once for a bad option.
 */
export function cachedOrigins(lookup: OriginLookup, options: CachedOriginsOptions): CachedOrigins {
  if (typeof lookup !== 'function')
    throw new TypeError(`cachedOrigins: lookup must be a function (origin) => boolean | Promise<boolean>, got ${typeof lookup}`);
  const ttl = duration(options?.ttl, 'ttl');
  const negativeTtl = duration(options.negativeTtl ?? ttl, 'negativeTtl');
  const staleFor = duration(options.staleFor ?? ttl, 'staleFor', 0);
  const timeout = duration(options.timeout ?? DEFAULTS.timeout, 'timeout');
  const retryAfter = duration(options.retryAfter ?? DEFAULTS.retryAfter, 'retryAfter');
  const max = duration(options.max ?? DEFAULTS.max, 'max');

  const entries = new Map<string, Entry>(); // insertion order = least recently used first
  const inFlight = new Map<string, Running>();

  const remember = (origin: string, answer: boolean | Error) => {
    const now = Date.now();
    const fresh = answer instanceof Error ? retryAfter : answer ? ttl : negativeTtl;
    entries.delete(origin);
    entries.set(origin, { answer, until: now + fresh, staleUntil: answer instanceof Error ? now + fresh : now + fresh + staleFor });
    if (entries.size > max) entries.delete(entries.keys().next().value as string);
  };

  /**
   * The lookup for `origin`: the one in flight, joined, or a new one. A lookup past its
   * deadline is abandoned rather than joined: where a runtime cancels what a finished
   * request left running (a Worker without waitUntil), its answer would never come.
   */
  const ask = (origin: string): Promise<boolean> => {
    const now = Date.now();
    let running = inFlight.get(origin);
    if (running !== undefined && now > running.deadline) {
      inFlight.delete(origin);
      running = undefined;
    }
    if (running === undefined) {
      if (inFlight.size >= max) for (const [key, stuck] of inFlight) if (now > stuck.deadline) inFlight.delete(key);
      if (inFlight.size >= max) {
        return Promise.reject(new OriginLookupError(`cachedOrigins: ${max} lookups already in flight; '${origin}' refused without asking the store`));
      }
      running = start(origin, now);
    }
    return waitFor(origin, running);
  };

  const start = (origin: string, now: number): Running => {
    const answer: Promise<boolean> = withDeadline(origin, lookup, timeout).then(
      (allowed) => {
        if (inFlight.get(origin) === running) remember(origin, allowed);
        return allowed;
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new OriginLookupError(`cachedOrigins: the lookup for '${origin}' failed: ${String(error)}`);
        if (inFlight.get(origin) === running) remember(origin, failure);
        throw failure;
      },
    );
    const running: Running = { answer, deadline: now + timeout };
    const settled = () => {
      if (inFlight.get(origin) === running) inFlight.delete(origin);
    };
    answer.then(settled, settled);
    inFlight.set(origin, running);
    return running;
  };

  /** Each request waits on a timer of its own: the one of the request that started the lookup may be gone with it. */
  const waitFor = (origin: string, running: Running): Promise<boolean> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new OriginLookupError(`cachedOrigins: the lookup for '${origin}' did not answer within ${timeout} ms`)),
        Math.max(0, running.deadline - Date.now()) + WAITER_GRACE_MS,
      );
      running.answer.then(
        (allowed) => {
          clearTimeout(timer);
          resolve(allowed);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  const predicate = ((origin: string, request?: Request): boolean | Promise<boolean> => {
    const entry = entries.get(origin);
    const now = Date.now();
    if (entry !== undefined) {
      // Moved to the end: the Map's order is the least-recently-used order eviction reads.
      entries.delete(origin);
      entries.set(origin, entry);
      if (entry.answer instanceof Error) {
        if (now < entry.until) return Promise.reject(entry.answer);
      } else if (now < entry.until) {
        return entry.answer;
      } else if (now < entry.staleUntil) {
        // Refreshed in the background (its failure is remembered), kept alive past this response where the adapter can.
        keepAlive(
          request,
          ask(origin).catch(() => {}),
        );
        return entry.answer;
      }
    }
    return ask(origin);
  }) as unknown as CachedOrigins;

  predicate.invalidate = (origin?: string) => {
    if (origin === undefined) {
      entries.clear();
      inFlight.clear();
    } else {
      entries.delete(origin);
      inFlight.delete(origin);
    }
  };
  Object.defineProperty(predicate, 'size', { get: () => entries.size });
  return predicate;
}

/** Runs `lookup`, turning a throw, a non-boolean and a late answer into a rejection. */
function withDeadline(origin: string, lookup: OriginLookup, timeout: number): Promise<boolean> {
  let answer: unknown;
  try {
    answer = lookup(origin);
  } catch (error) {
    return Promise.reject(error);
  }
  if (!isThenable(answer)) return typeof answer === 'boolean' ? Promise.resolve(answer) : Promise.reject(notBoolean(origin, answer));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new OriginLookupError(`cachedOrigins: the lookup for '${origin}' did not answer within ${timeout} ms`)), timeout);
    Promise.resolve(answer).then(
      (value) => {
        clearTimeout(timer);
        if (typeof value === 'boolean') resolve(value);
        else reject(notBoolean(origin, value));
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function notBoolean(origin: string, value: unknown): OriginLookupError {
  return new OriginLookupError(`cachedOrigins: the lookup for '${origin}' answered ${value === null ? 'null' : typeof value}, not true or false`);
}

function duration(value: unknown, name: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TypeError(`cachedOrigins: ${name} must be a whole number of milliseconds ≥ ${min}, got ${String(value)}`);
  }
  return value;
}
