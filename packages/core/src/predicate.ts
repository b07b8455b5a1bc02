// Calling the user's origins predicate so that nothing it does can break a request:
// a throw, a rejection, an answer other than a boolean, or no answer at all within the
// policy's timeout is a refusal of that origin (fail closed), carried with the error so
// that `onRefusal` and debug reasons can say what happened.
import type { OriginPredicate } from './options.js';

/** Why a predicate's answer was not a plain `true` or `false`. */
export interface PredicateFailure {
  readonly failure: 'threw' | 'rejected' | 'not-a-boolean' | 'timed-out' | 'always-true' | 'unproven';
  /** What was thrown or rejected, a TypeError describing the bad answer or the timeout, or the CorsConfigError of an always-true predicate. */
  readonly error: unknown;
}

/** `true` allows the origin; `false` and a failure refuse it. */
export type OriginVerdict = boolean | PredicateFailure;

/** Asks `predicate` about `origin`; never throws, and a Promise it returns settles within `timeoutMs`. */
export function askPredicate(predicate: OriginPredicate, origin: string, request: Request, timeoutMs: number): OriginVerdict | Promise<OriginVerdict> {
  let answer: unknown;
  try {
    answer = predicate(origin, request);
  } catch (error) {
    return { failure: 'threw', error };
  }
  if (typeof answer === 'boolean') return answer;
  if (isThenable(answer)) return settle(answer, timeoutMs);
  return notBoolean(answer);
}

function settle(answer: PromiseLike<unknown>, timeoutMs: number): Promise<OriginVerdict> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve({ failure: 'timed-out', error: new Error(`the origins predicate did not settle within predicateTimeout (${timeoutMs} ms)`) });
    }, timeoutMs);
    Promise.resolve(answer).then(
      (value) => {
        clearTimeout(timer);
        resolve(typeof value === 'boolean' ? value : notBoolean(value));
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ failure: 'rejected', error });
      },
    );
  });
}

function notBoolean(value: unknown): PredicateFailure {
  const shown = typeof value === 'string' ? `'${value.slice(0, 40)}'` : value === null ? 'null' : typeof value;
  return { failure: 'not-a-boolean', error: new TypeError(`the origins predicate returned ${shown}, not true or false`) };
}

/** A thenable's `then` getter may itself throw; reading it inside `try` keeps the caller total. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}
