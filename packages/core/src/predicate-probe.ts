// Is an origins predicate always true? With credentials that would reflect every origin
// and let any site read users' data, and no reading of the function's source can tell
// (`(origin, request) => true`, `o => Boolean(o)`, a deny-list…). So Corsa asks it, once,
// about an origin that no site can have: a name under `.invalid`, which RFC 6761 reserves
// and which never resolves. A predicate that allows it would allow anything.
//
// A synchronous `true` is a configuration error at once. A Promise is not awaited at
// start-up (createCorsPolicy is synchronous, and a Worker's global scope allows no
// timers): requests wait for it, within predicateTimeout, and until it is known to be
// false every origin is refused (fail closed). A probe that throws or rejects proves
// nothing; it is asked once more on the first request, and then given the benefit of
// the doubt.
import { CorsConfigError } from './errors.js';
import type { OriginPredicate } from './options.js';
import { askPredicate, isThenable } from './predicate.js';

/** The origin the probe asks about. `.invalid` is reserved: no browser ever sends it from a real page. */
export const PROBE_ORIGIN = 'https://corsa-always-true-probe.invalid';

/** What is known about a credentialed policy's predicate. Mutable, internal to a policy. */
export interface PredicateProbe {
  status: 'safe' | 'always-true' | 'pending' | 'retry';
  /** The predicate's answer while it is a pending Promise. */
  answer?: Promise<unknown> | undefined;
  /** Requests wait on this while the status is being settled. */
  settling?: Promise<void> | undefined;
  readonly predicate: OriginPredicate;
  readonly timeout: number;
}

/** The configuration error's message, also given to onRefusal when an async predicate turns out always true. */
export function alwaysTrueMessage(): string {
  return `the predicate answers true for '${PROBE_ORIGIN}', an origin no site can have (.invalid never resolves), so it would reflect every origin with credentials and let any site read your users' data; check the origin against a list, or against a pattern of your own domains.`;
}

/** The error reported to onRefusal for every origin once an async predicate proved always true. */
export function alwaysTrueError(): CorsConfigError {
  return new CorsConfigError([{ path: 'origins', code: 'always-true-predicate-with-credentials', message: alwaysTrueMessage() }]);
}

/** Why origins are refused while an async predicate has not answered the probe in time. */
export function unsettledProbeError(timeout: number): Error {
  return new Error(
    `the origins predicate has not said, within predicateTimeout (${timeout} ms), whether it allows '${PROBE_ORIGIN}' (an origin no site can have); with credentials every origin is refused until it answers false`,
  );
}

function probeRequest(): Request {
  return new Request(`${PROBE_ORIGIN}/`, { headers: { origin: PROBE_ORIGIN } });
}

/** Asks `predicate` about PROBE_ORIGIN at start-up, without timers. */
export function probePredicate(predicate: OriginPredicate, timeout = 5000): PredicateProbe {
  const probe: PredicateProbe = { status: 'safe', predicate, timeout };
  let answer: unknown;
  try {
    answer = predicate(PROBE_ORIGIN, probeRequest());
  } catch {
    probe.status = 'retry';
    return probe;
  }
  if (answer === true) probe.status = 'always-true';
  else if (isThenable(answer)) {
    probe.status = 'pending';
    probe.answer = Promise.resolve(answer);
    probe.answer.catch(() => {}); // a rejection is looked at when a request settles the probe
  }
  return probe;
}

/**
 * Settles a pending or retry probe within its timeout. Afterwards the status is 'safe'
 * or 'always-true', or still 'pending' when the predicate did not answer in time.
 */
export function settleProbe(probe: PredicateProbe): Promise<void> {
  probe.settling ??= settle(probe).finally(() => {
    probe.settling = undefined;
  });
  return probe.settling;
}

async function settle(probe: PredicateProbe): Promise<void> {
  if (probe.status === 'pending') {
    const answer = probe.answer as Promise<unknown>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), probe.timeout);
    });
    const outcome = await Promise.race([
      answer.then(
        (value) => ({ value }),
        () => 'failed' as const,
      ),
      timedOut,
    ]);
    clearTimeout(timer);
    if (outcome === 'timed-out') return; // still pending: this request is refused, the next one waits again
    probe.answer = undefined;
    if (outcome !== 'failed') {
      probe.status = outcome.value === true ? 'always-true' : 'safe';
      return;
    }
    probe.status = 'retry';
  }
  if (probe.status === 'retry') {
    const verdict = await askPredicate(probe.predicate, PROBE_ORIGIN, probeRequest(), probe.timeout);
    probe.status = verdict === true ? 'always-true' : 'safe';
  }
}
