// Interleaved measurement: every contender of a case is measured once per round, in
// turn, for several rounds after a warm-up; the median of the rounds is reported. So a
// slow phase of the machine (another process, a GC, frequency scaling) hits everyone.
import { median } from '@corsa/testkit';
import { do_not_optimize, measure } from 'mitata';
import type { Case } from './cases.js';
import type { Answer, Contender } from './contenders.js';

export interface Row {
  caseId: string;
  contender: string;
  /** Nanoseconds per request (median over rounds of each round's mean). */
  ns: number;
  opsPerSecond: number;
}

/** Why `response` is not the answer `c` expects, or undefined when it is. */
export async function checkAnswer(c: Case, response: Response): Promise<string | undefined> {
  const origin = c.request.headers.get('origin');
  const acao = response.headers.get('access-control-allow-origin');
  switch (c.expect) {
    case 'allowed-actual':
      return acao === origin && response.headers.get('access-control-allow-credentials') === 'true' && (await response.text()) === 'ok'
        ? undefined
        : `allowed actual: ${acao}`;
    case 'refused-actual':
    case 'no-origin':
      return acao === null && (await response.text()) === 'ok' ? undefined : `refused actual: ${acao}`;
    case 'allowed-preflight':
      return acao === origin && /PUT/.test(response.headers.get('access-control-allow-methods') ?? '')
        ? undefined
        : `allowed preflight: ${response.status} ${acao}`;
    case 'refused-preflight':
      return acao !== origin ? undefined : `refused preflight: ${response.status} ${acao}`;
  }
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TIME_PER_ROUND_NS = Number(process.env.BENCH_MS_PER_ROUND ?? 60) * 1e6;

// mitata's defaults batch up to 4,096 calls per sample and want 12 samples: for calls of
// 10–30 µs that is a second per measurement. Smaller batches keep a round near its budget.
const options = () => ({ min_cpu_time: TIME_PER_ROUND_NS, batch_samples: 128, min_samples: 8, max_samples: 100_000 });

// `request` builds the Request of each call: the shared one at the core level, a new one
// at the Hono level (what a server pays), the same for every contender of a level.
async function measureOnce(answer: Answer, request: () => Request): Promise<number> {
  const isAsync = answer(request()) instanceof Promise;
  const stats = isAsync
    ? await measure(async () => do_not_optimize(await answer(request())), options())
    : await measure(() => do_not_optimize(answer(request())), options());
  return stats.avg;
}

/** Measures every contender on `c`, interleaved over ROUNDS rounds after a warm-up round. */
export async function measureCase(c: Case, contenders: Contender[], newRequestPerCall = false): Promise<Row[]> {
  const answers = contenders.map((contender) => contender.build(c.policy));
  const shared = c.request;
  const request = newRequestPerCall ? c.newRequest : () => shared;
  for (const answer of answers) await measureOnce(answer, request); // warm-up, discarded
  const samples: number[][] = contenders.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < answers.length; i++) samples[i]!.push(await measureOnce(answers[i]!, request));
  }
  return contenders.map((contender, i) => {
    const ns = median(samples[i]!);
    return { caseId: c.id, contender: contender.name, ns, opsPerSecond: Math.round(1e9 / ns) };
  });
}
