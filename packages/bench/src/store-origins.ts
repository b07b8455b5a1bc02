// Origins from a store (issue: multi-tenant CORS): what `cachedOrigins` costs next to a
// static list of the same origins, at the core level, in one interleaved run:
// - warm: the origin's answer is cached (a synchronous answer, no Promise);
// - first request: the answer was just invalidated, so the request waits for one lookup
//   (an async lookup answering from memory: the store's own latency is not Corsa's);
// - the lookup alone, so that "first request ≈ list + one lookup" can be read off.
import { applyCorsList, cachedOrigins, createCorsPolicy, evaluateCorsFrom, readRequestHeader } from '@corsa/core';
import { APP, CASES, POLICY } from './cases.js';
import type { Contender } from './contenders.js';
import { measureCase, type Row } from './harness.js';

const handlerResponse = () => new Response('ok', { headers: { 'x-request-id': 'r-1' } });
const allowed = new Set<string>(POLICY.origins);
const lookup = async (origin: string) => allowed.has(origin);

/** Corsa as the core-level contender runs it, over `origins`; `before` runs first on every call. */
function corsaWith(origins: readonly string[] | ReturnType<typeof cachedOrigins>, before?: () => void): Contender['build'] {
  const policy = createCorsPolicy({ ...POLICY, origins });
  const respond = (answer: Response | Parameters<typeof applyCorsList>[1]) => (answer instanceof Response ? answer : applyCorsList(handlerResponse(), answer));
  return () => (request) => {
    before?.();
    const answer = evaluateCorsFrom(policy, request, request.method, request, readRequestHeader);
    // A cached answer is synchronous, as in an adapter; only a lookup makes it a Promise.
    return answer instanceof Promise ? answer.then(respond) : respond(answer);
  };
}

/** What the lookup-only contender returns: one Response made once, so only the lookup is timed. */
const LOOKED_UP = handlerResponse();

const STATIC = 'static list';
const WARM = 'cachedOrigins, warm';
const FIRST = 'cachedOrigins, first request';
const LOOKUP = 'the lookup alone';

export async function runStoreOrigins(): Promise<string> {
  const warm = cachedOrigins(lookup, { ttl: 3_600_000 });
  const cold = cachedOrigins(lookup, { ttl: 3_600_000 });
  const contenders: Contender[] = [
    { name: STATIC, build: corsaWith(POLICY.origins) },
    { name: WARM, build: corsaWith(warm) },
    { name: FIRST, build: corsaWith(cold, () => cold.invalidate(APP)) },
    { name: LOOKUP, build: () => async () => (await lookup(APP), LOOKED_UP) },
  ];
  const c = CASES.find((candidate) => candidate.id === 'actual-allowed');
  if (c === undefined) throw new Error("no 'actual-allowed' case");
  const rows: Row[] = await measureCase(c, contenders);
  const ns = (name: string) => (rows.find((row) => row.contender === name) as Row).ns;
  const fmt = (value: number) => `${(value / 1000).toFixed(2)} µs`;
  return [
    '### Origins from a store (cachedOrigins), core level, an allowed actual request',
    '',
    '| static list | cachedOrigins, warm | cachedOrigins, first request | the lookup alone |',
    '|---:|---:|---:|---:|',
    `| ${fmt(ns(STATIC))} | ${fmt(ns(WARM))} (${(ns(WARM) / ns(STATIC)).toFixed(2)}× the list) | ${fmt(ns(FIRST))} | ${fmt(ns(LOOKUP))} |`,
    '',
    `- warm cachedOrigins: ${(ns(WARM) / ns(STATIC)).toFixed(2)}× the static list's time (target ≤ 1.1×)`,
    `- first request for an origin: ${fmt(ns(FIRST))} = the list's ${fmt(ns(STATIC))} + ${fmt(ns(FIRST) - ns(STATIC))} (one lookup: ${fmt(ns(LOOKUP))} alone, plus its Promise through evaluateCors)`,
    '',
  ].join('\n');
}
