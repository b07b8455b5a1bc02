// Is an origins predicate always true? With credentials that would reflect every origin
// and let any site read users' data, and no reading of the function's source can tell
// (`(origin, request) => true`, `o => Boolean(o)`, a deny-list…). So Corsa asks it about
// origins that no site can have, chosen so that the usual shortcuts each meet one: an
// https and an http origin under `.invalid` (RFC 6761: reserved, never resolves), a
// short one, and one under `.arpa`, an ICANN top-level domain where nobody can register
// a name. Every question comes from a request on yet another origin, so a predicate
// that allows same-origin callers is not mistaken for an always-true one. A predicate
// that allows any of them would allow anything.
//
// Only `false` for every question is a pass. A synchronous `true` is a configuration
// error at once, and so is a synchronous throw (a predicate must answer `false` for an
// origin it does not know: one that throws on names that do not resolve may still say
// `true` for every name that does). A Promise is not awaited at start-up
// (createCorsPolicy is synchronous, and a Worker's global scope allows no timers):
// requests wait for it, within predicateTimeout, and until every answer is known to be
// false every origin is refused (fail closed). A rejection or a timeout proves nothing:
// origins stay refused and the questions are asked again after a short back-off. The
// verdict is remembered per predicate function, so compiling the same predicate again
// (a policy source returning fresh options) asks nothing more.
import { CorsConfigError } from './errors.js';
import type { OriginPredicate } from './options.js';
import { askPredicate, isThenable, type OriginVerdict } from './predicate.js';

/** The origins the probe asks about. No browser ever sends them from a real page. */
export const PROBE_ORIGINS: readonly string[] = Object.freeze([
  'https://corsa-always-true-probe.invalid',
  'http://corsa-always-true-probe.invalid',
  'https://a.invalid',
  'https://corsa-always-true-probe.arpa',
]);

/** The URL of the request each question comes with: another origin than any question's. */
const PROBE_URL = 'https://corsa-probe-server.invalid/';

/** Milliseconds before a probe that rejected or timed out is asked again. */
export const PROBE_RETRY_MS = 1000;

/** What is known about a credentialed policy's predicate. Mutable, shared by every policy compiled with the same predicate. */
export interface PredicateProbe {
  status: 'safe' | 'always-true' | 'pending' | 'unproven';
  /** The predicate's answers while they are pending Promises. */
  answers?: Promise<unknown>[] | undefined;
  /** Requests wait on this while the status is being settled. */
  settling?: Promise<void> | undefined;
  /** When an unproven probe may be asked again (Date.now() milliseconds; 0: on the next request). */
  retryAt: number;
  /** Why the probe is unproven: the rejection, or the timeout. */
  error?: unknown;
  /** The origin the predicate answered true for. */
  allowed?: string | undefined;
  /** The answers pending are the ones asked at start-up: one that failed there (no I/O outside a request, in a Worker) is asked again at once. */
  startup?: boolean | undefined;
  readonly predicate: OriginPredicate;
  readonly timeout: number;
}

/** The configuration error's message, also given to onRefusal when an async predicate turns out always true. */
export function alwaysTrueMessage(origin = PROBE_ORIGINS[0]): string {
  return `the predicate answers true for '${origin}', an origin no site can have, so it would reflect every origin with credentials and let any site read your users' data; check the origin against a list, or against a pattern of your own domains.`;
}

/** The configuration error's message for a predicate that throws instead of answering. */
export function probeThrewMessage(origin: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `the predicate threw for '${origin}' (${message}) instead of answering false; with credentials Corsa must see it refuse origins no site can have, so return false for an origin you do not know rather than throwing.`;
}

/** The error reported to onRefusal for every origin once an async predicate proved always true. */
export function alwaysTrueError(probe: PredicateProbe): CorsConfigError {
  return new CorsConfigError([{ path: 'origins', code: 'always-true-predicate-with-credentials', message: alwaysTrueMessage(probe.allowed) }]);
}

/** Why origins are refused while an async predicate has not shown in time that it refuses the probe origins. */
export function unprovenProbeError(probe: PredicateProbe): Error {
  const why = probe.error instanceof Error ? probe.error.message : `did not answer within predicateTimeout (${probe.timeout} ms)`;
  return new Error(
    `the origins predicate has not shown that it refuses origins no site can have (${PROBE_ORIGINS.join(', ')}): ${why}; with credentials every origin is refused until it answers false for each, asked again every ${PROBE_RETRY_MS} ms`,
  );
}

function probeRequest(origin: string): Request {
  return new Request(PROBE_URL, { headers: { origin } });
}

const probes = new WeakMap<OriginPredicate, PredicateProbe>();

/**
 * Asks `predicate` about every probe origin at start-up, without timers; the verdict is
 * remembered per predicate. A synchronous throw is returned as `threw` for the caller
 * to report as a configuration error (and is not remembered).
 */
export function probePredicate(predicate: OriginPredicate, timeout = 5000): PredicateProbe | { status: 'threw'; origin: string; error: unknown } {
  const known = probes.get(predicate);
  if (known !== undefined) return known;
  const probe: PredicateProbe = { status: 'safe', predicate, timeout, retryAt: 0 };
  const pending: Promise<unknown>[] = [];
  for (const origin of PROBE_ORIGINS) {
    let answer: unknown;
    try {
      answer = predicate(origin, probeRequest(origin));
    } catch (error) {
      return { status: 'threw', origin, error };
    }
    if (answer === true) {
      probe.status = 'always-true';
      probe.allowed = origin;
      break;
    }
    if (isThenable(answer)) {
      const promise = Promise.resolve(answer).then((value) => (value === true ? origin : undefined));
      promise.catch(() => {}); // a rejection is looked at when a request settles the probe
      pending.push(promise);
    }
  }
  if (probe.status === 'safe' && pending.length > 0) {
    probe.status = 'pending';
    probe.answers = pending;
    probe.startup = true;
  }
  probes.set(predicate, probe);
  return probe;
}

/**
 * Settles a pending probe within its timeout, or asks an unproven one again once its
 * back-off has passed. Afterwards the status is 'safe', 'always-true' or 'unproven'.
 */
export function settleProbe(probe: PredicateProbe): Promise<void> {
  probe.settling ??= settle(probe).finally(() => {
    probe.settling = undefined;
  });
  return probe.settling;
}

async function settle(probe: PredicateProbe): Promise<void> {
  if (probe.status === 'unproven') {
    if (Date.now() < probe.retryAt) return;
    probe.answers = PROBE_ORIGINS.map((origin) =>
      Promise.resolve(askPredicate(probe.predicate, origin, probeRequest(origin), probe.timeout)).then(fromVerdict(origin)),
    );
  }
  const answers = probe.answers ?? [];
  probe.answers = undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), probe.timeout);
  });
  const outcome = await Promise.race([
    Promise.all(answers).then(
      (allowed) => ({ allowed: allowed.find((origin) => origin !== undefined) as string | undefined }),
      (error: unknown) => ({ error }),
    ),
    timedOut,
  ]);
  clearTimeout(timer);
  if (outcome !== 'timed-out' && 'allowed' in outcome) {
    probe.status = outcome.allowed === undefined ? 'safe' : 'always-true';
    probe.allowed = outcome.allowed;
    return;
  }
  probe.status = 'unproven';
  probe.error = outcome === 'timed-out' ? undefined : outcome.error;
  const startup = probe.startup === true;
  probe.startup = false;
  probe.retryAt = startup && outcome !== 'timed-out' ? 0 : Date.now() + PROBE_RETRY_MS;
  if (probe.retryAt === 0) await settle(probe);
}

// askPredicate never throws: a failure is a verdict; here a failure proves nothing (rejects).
function fromVerdict(origin: string): (verdict: OriginVerdict) => string | undefined {
  return (verdict) => {
    if (verdict === true) return origin;
    if (typeof verdict === 'object') throw verdict.error;
    return undefined;
  };
}
