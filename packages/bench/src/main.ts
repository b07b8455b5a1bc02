// npm run bench: core level and Hono level, every case, ratios to Corsa; then the server
// level (server-level.ts). Prints Markdown tables for BENCHMARKS.md.
//   npm run bench -- --no-server     core and Hono levels only (a few minutes)
//   npm run bench -- --server-only   the server level only
//   npm run bench -- --import-only   the import time only (seconds)
import os from 'node:os';
import { parseArgs } from 'node:util';
import { median } from '@corsa/testkit';
import { CASES } from './cases.js';
import { CORE_CONTENDERS, CORSA_HONO_FROM_ENV, type Contender, HONO_CONTENDERS } from './contenders.js';
import { checkAnswer, measureCase, type Row } from './harness.js';
import { runImportTime } from './import-time.js';
import { runServerLevel } from './server-level.js';
import { runStoreOrigins } from './store-origins.js';

const format = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : String(n));

function table(title: string, rows: Row[], contenders: string[], reference: string): string {
  const lines = [`### ${title}`, '', `| case | ${contenders.join(' | ')} |`, `|---|${contenders.map(() => '---:').join('|')}|`];
  for (const c of CASES) {
    const caseRows = rows.filter((r) => r.caseId === c.id);
    if (caseRows.length === 0) continue;
    const ref = caseRows.find((r) => r.contender === reference)!;
    const cells = contenders.map((name) => {
      const row = caseRows.find((r) => r.contender === name)!;
      const ratio = row.contender === reference ? '1.00' : (ref.ns / row.ns).toFixed(2);
      return `${format(row.opsPerSecond)} ops/s (${ratio}×)`;
    });
    lines.push(`| ${c.title} | ${cells.join(' | ')} |`);
  }
  lines.push('', `Ratios are throughput relative to ${reference} (below 1.00× = slower than ${reference}).`, '');
  return lines.join('\n');
}

async function level(contenders: Contender[], checkFrom: number, newRequestPerCall: boolean, cases = CASES): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of cases) {
    for (const contender of contenders.slice(checkFrom)) {
      if (c.id.startsWith('hostile')) continue;
      const problem = await checkAnswer(c, await contender.build(c.policy)(c.request));
      if (problem) throw new Error(`${contender.name} answers "${c.title}" wrongly: ${problem}`);
    }
    const started = performance.now();
    rows.push(...(await measureCase(c, contenders, newRequestPerCall)));
    process.stderr.write(`${c.id} ${Math.round(performance.now() - started)} ms\n`);
  }
  return rows;
}

const flags = (() => {
  try {
    return parseArgs({ options: { 'no-server': { type: 'boolean' }, 'server-only': { type: 'boolean' }, 'import-only': { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run bench [-- --no-server | --server-only | --import-only]`);
    process.exit(2);
  }
})();

console.log(`## Run of ${new Date().toISOString()}\n`);
console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${process.platform} ${process.arch}, Node ${process.version}.\n`,
);

// Measures one level and prints its table; `checkFrom` skips the baselines when checking answers.
async function runLevel(title: string, contenders: Contender[], checkFrom: number, reference: string, newRequestPerCall: boolean): Promise<Row[]> {
  const rows = await level(contenders, checkFrom, newRequestPerCall);
  console.log(
    table(
      title,
      rows,
      contenders.map((c) => c.name),
      reference,
    ),
  );
  return rows;
}

async function inProcessLevels(): Promise<void> {
  const core = await runLevel('Core level (one shared Request)', CORE_CONTENDERS, 1, 'Corsa', false);
  const hono = await runLevel('Hono level (app.fetch, a new Request per call)', HONO_CONTENDERS, 2, 'Hono + @corsa/hono', true);

  const corsa = (id: string) => core.find((r) => r.caseId === id && r.contender === 'Corsa')!.ns;
  console.log('### Targets\n');
  console.log(
    `- adversarial 1 MiB Access-Control-Request-Headers: ${(corsa('hostile-acrh') / corsa('preflight-allowed')).toFixed(2)}× a normal preflight (target ≤ 2×)`,
  );
  console.log(`- adversarial 64 KiB Origin: ${(corsa('hostile-origin') / corsa('preflight-allowed')).toFixed(2)}× a normal preflight (target ≤ 2×)`);
  console.log(
    `- adversarial 1 MiB Access-Control-Request-Method: ${(corsa('hostile-method') / corsa('preflight-allowed')).toFixed(2)}× a normal preflight (target ≤ 1.2×)`,
  );
  console.log(
    `- refused 150-label origin against one wildcard: ${(corsa('hostile-labels') / corsa('one-wildcard')).toFixed(2)}× an allowed origin under the same policy (target ≤ 1.2×)`,
  );
  for (const [id, small, what] of [
    ['big-exact', 'actual-allowed', 'the two-origin policy'],
    ['big-wildcard', 'one-wildcard', 'a one-pattern policy'],
    ['big-refused', 'actual-refused', 'the two-origin policy'],
  ] as const) {
    console.log(`- ${CASES.find((c) => c.id === id)!.title}: ${(corsa(id) / corsa(small)).toFixed(2)}× the same answer under ${what} (target ≤ 1.2×)`);
  }
  const honoNs = (id: string, name: string) => hono.find((r) => r.caseId === id && r.contender === name)!.ns;
  const fromEnv = CASES.map((c) => honoNs(c.id, CORSA_HONO_FROM_ENV) / honoNs(c.id, 'Hono + @corsa/hono'));
  console.log(
    `- policy from c.env (cors((c) => corsOptionsFromEnv(c.env))): ${median(fromEnv).toFixed(2)}× the static policy's time (median over the cases; worst ${Math.max(...fromEnv).toFixed(2)}×; target ≤ 1.1×)`,
  );
  console.log('');
}

console.log(runImportTime());
if (!flags['import-only']) {
  if (!flags['server-only']) {
    await inProcessLevels();
    console.log(await runStoreOrigins());
  }
  if (!flags['no-server']) console.log(await runServerLevel());
}
