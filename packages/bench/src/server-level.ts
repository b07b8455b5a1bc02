// Server level, measured the way users measure a server: requests/s through a real server
// on 127.0.0.1 (pinned to core 0 with taskset), from Debian's wrk pinned to core 1, so the
// load generator never competes with the server it measures. Every variant of the same
// Hono app runs in its own process; each round runs every (case, variant) pair once, in
// an order that rotates between rounds; a variant's figure is the median over rounds of
// its ratio to "no CORS" in the same round. Bounded: ROUNDS × cases × variants runs of
// SECONDS each, one wrk connection pool of CONNECTIONS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, freePort, median, type RunningServer, startServerProcess } from '@corsa/testkit';
import { APP } from './cases.js';
import { VARIANTS, type Variant } from './server-apps.js';

const ROUNDS = Number(process.env.BENCH_SERVER_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_SERVER_CONNECTIONS ?? 16);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const bin = (name: string) => here(`../../../node_modules/.bin/${name}`);

/** What the load generator sends. */
export interface ServerCase {
  readonly id: string;
  readonly title: string;
  readonly method: 'GET' | 'OPTIONS';
  readonly headers: Record<string, string>;
  /** What every variant with CORS must answer (checked once before timing). */
  readonly check: (response: Response) => string | undefined;
}

export const SERVER_CASES: ServerCase[] = [
  {
    id: 'allowed',
    title: 'GET, allowed origin',
    method: 'GET',
    headers: { origin: APP },
    check: (r) =>
      r.headers.get('access-control-allow-origin') === APP && r.headers.get('access-control-allow-credentials') === 'true' ? undefined : 'no grant',
  },
  {
    id: 'refused',
    title: 'GET, refused origin',
    method: 'GET',
    headers: { origin: 'https://evil.example' },
    check: (r) => (r.headers.get('access-control-allow-origin') === null && r.status === 200 ? undefined : 'granted a refused origin'),
  },
  { id: 'no-origin', title: 'GET, no Origin', method: 'GET', headers: {}, check: (r) => (r.status === 200 ? undefined : `status ${r.status}`) },
  {
    id: 'preflight',
    title: 'preflight, allowed',
    method: 'OPTIONS',
    headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    check: (r) => (r.status === 204 && r.headers.get('access-control-allow-origin') === APP ? undefined : `preflight ${r.status}`),
  },
];

type Start = (variant: Variant) => Promise<RunningServer>;

// Both pinned to core 0; wrk gets core 1.
export const SERVER_RUNTIMES: Record<string, Start> = {
  Node: (variant) => startServerProcess('taskset', ['-c', '0', bin('tsx'), here('serve-node.ts'), variant]),
  Bun: (variant) => startServerProcess('taskset', ['-c', '0', bin('bun'), 'run', here('serve-bun.ts'), variant]),
};

/** Installs Debian's wrk when missing (needs root, as on CI). */
export function ensureWrk(): void {
  ensureDebianPackages('wrk', () => existsSync('/usr/bin/wrk'), ['wrk']);
}

let scriptDir: string | undefined;
function optionsScript(): string {
  scriptDir ??= mkdtempSync(join(tmpdir(), 'corsa-wrk-'));
  const file = join(scriptDir, 'options.lua');
  writeFileSync(file, 'wrk.method = "OPTIONS"\n');
  return file;
}

/** One wrk run: requests/s, and how many answers were not 2xx/3xx or failed. */
export function runWrk(url: string, c: ServerCase, seconds = SECONDS): { rps: number; errors: number } {
  const args = ['-c', '1', '/usr/bin/wrk', '-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '2s'];
  for (const [name, value] of Object.entries(c.headers)) args.push('-H', `${name}: ${value}`);
  if (c.method === 'OPTIONS') args.push('-s', optionsScript());
  args.push(url);
  const output = execFileSync('taskset', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  if (!Number.isFinite(rps)) throw new Error(`wrk printed no Requests/sec:\n${output}`);
  return { rps, errors };
}

/** Checks every CORS variant's answer to every case before anything is timed. */
async function checkAnswers(servers: Map<Variant, RunningServer>): Promise<void> {
  for (const c of SERVER_CASES) {
    for (const variant of VARIANTS) {
      if (variant === 'no CORS' || variant === 'no-op middleware') continue;
      const response = await fetch(`${servers.get(variant)!.baseUrl}/r`, { method: c.method, headers: c.headers });
      await response.arrayBuffer();
      const problem = c.check(response);
      if (problem) throw new Error(`${variant} answers "${c.title}" wrongly: ${problem}`);
    }
  }
}

export interface ServerRow {
  runtime: string;
  caseId: string;
  variant: Variant;
  rps: number;
  /** Median over rounds of this variant's requests/s divided by "no CORS"'s in the same round. */
  ratio: number;
  errors: number;
}

/** Measures every runtime, case and variant; returns the rows and prints progress to stderr. */
export async function measureServerLevel(): Promise<ServerRow[]> {
  ensureWrk();
  const rows: ServerRow[] = [];
  for (const [runtime, start] of Object.entries(SERVER_RUNTIMES)) {
    const servers = new Map<Variant, RunningServer>();
    try {
      for (const variant of VARIANTS) servers.set(variant, await start(variant));
      await checkAnswers(servers);
      for (const variant of VARIANTS) runWrk(`${servers.get(variant)!.baseUrl}/r`, SERVER_CASES[0]!, 1); // warm-up
      const rps = new Map<string, number[]>();
      const ratios = new Map<string, number[]>();
      const errors = new Map<string, number>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const c of SERVER_CASES) {
          const inRound = new Map<Variant, number>();
          const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
          for (const variant of order) {
            const result = runWrk(`${servers.get(variant)!.baseUrl}/r`, c);
            inRound.set(variant, result.rps);
            const key = `${c.id}|${variant}`;
            rps.set(key, [...(rps.get(key) ?? []), result.rps]);
            // "no CORS" and the no-op middleware have no OPTIONS route: their preflights are 404s.
            const expectedErrors = c.method === 'OPTIONS' && (variant === 'no CORS' || variant === 'no-op middleware');
            errors.set(key, (errors.get(key) ?? 0) + (expectedErrors ? 0 : result.errors));
            process.stderr.write('.');
          }
          for (const variant of VARIANTS) {
            const key = `${c.id}|${variant}`;
            ratios.set(key, [...(ratios.get(key) ?? []), inRound.get(variant)! / inRound.get('no CORS')!]);
          }
        }
      }
      for (const c of SERVER_CASES) {
        for (const variant of VARIANTS) {
          const key = `${c.id}|${variant}`;
          rows.push({ runtime, caseId: c.id, variant, rps: median(rps.get(key)!), ratio: median(ratios.get(key)!), errors: errors.get(key)! });
        }
      }
    } finally {
      for (const server of servers.values()) await server.stop();
    }
  }
  process.stderr.write('\n');
  return rows;
}

/**
 * The same app as a Worker under `wrangler dev` (workerd behind wrangler's local proxy),
 * with and without @corsa/workers, allowed-origin GET: requests/s and the median ratio.
 */
export async function measureWorkers(): Promise<{ without: number; withCors: number; ratio: number }> {
  const start = async (withCorsVar: boolean) => {
    const port = await freePort();
    const args = ['-c', '0', bin('wrangler'), 'dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'];
    if (withCorsVar) args.push('--var', 'WITH_CORS:1');
    return startServerProcess('taskset', args, { cwd: here('../workers/'), env: { WRANGLER_SEND_METRICS: 'false' }, timeoutMs: 90_000 });
  };
  const without = await start(false);
  const withCors = await start(true);
  try {
    const c = SERVER_CASES[0]!;
    const check = await fetch(`${withCors.baseUrl}/r`, { headers: c.headers });
    await check.arrayBuffer();
    if (c.check(check)) throw new Error(`the Worker with Corsa answers wrongly: ${c.check(check)}`);
    runWrk(`${without.baseUrl}/r`, c, 1);
    runWrk(`${withCors.baseUrl}/r`, c, 1);
    const rps: { without: number[]; withCors: number[]; ratio: number[] } = { without: [], withCors: [], ratio: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const a = runWrk(`${without.baseUrl}/r`, c).rps;
      const b = runWrk(`${withCors.baseUrl}/r`, c).rps;
      rps.without.push(a);
      rps.withCors.push(b);
      rps.ratio.push(b / a);
      process.stderr.write('.');
    }
    return { without: median(rps.without), withCors: median(rps.withCors), ratio: median(rps.ratio) };
  } finally {
    await without.stop();
    await withCors.stop();
  }
}

/** The server-level table, Markdown. */
export async function runServerLevel(): Promise<string> {
  const rows = await measureServerLevel();
  const workers = await measureWorkers();
  const lines = [
    '### Server level',
    '',
    `Hono app answering \`GET /r\` with \`c.json({ ok: true })\` (credentials, one exposed header); server pinned to core 0, \`wrk -t1 -c${CONNECTIONS}\` pinned to core 1, ${ROUNDS} interleaved rounds of ${SECONDS} s per case and variant; requests/s is the median over rounds, the ratio the median of per-round ratios to no CORS.`,
    '',
    `| runtime | case | ${VARIANTS.join(' | ')} | @corsa/hono vs hono/cors |`,
    `|---|---|${VARIANTS.map(() => '---:').join('|')}|---:|`,
  ];
  for (const runtime of Object.keys(SERVER_RUNTIMES)) {
    for (const c of SERVER_CASES) {
      const of = (variant: Variant) => rows.find((r) => r.runtime === runtime && r.caseId === c.id && r.variant === variant)!;
      const cells = VARIANTS.map((variant) => {
        const row = of(variant);
        const errors = row.errors > 0 ? `, ${row.errors} errors` : '';
        return `${(row.rps / 1000).toFixed(1)} k (${row.ratio.toFixed(2)}×${errors})`;
      });
      const versus = of('@corsa/hono').ratio / of('hono/cors').ratio;
      lines.push(`| ${runtime} | ${c.title} | ${cells.join(' | ')} | ${versus.toFixed(2)}× |`);
    }
  }
  lines.push('', 'Ratios in parentheses are to the same app without CORS, same case, same round (median over rounds).', '');
  lines.push(
    `Workers (\`wrangler dev\`, GET from an allowed origin): ${(workers.without / 1000).toFixed(2)} k requests/s without CORS, ${(workers.withCors / 1000).toFixed(2)} k with @corsa/workers (${workers.ratio.toFixed(2)}×). wrangler's local proxy, not the Worker, sets this pace, so Corsa's few microseconds cannot show here; the Worker's own cost is what the core level measures.`,
    '',
  );
  return lines.join('\n');
}
