// Server level, measured the way users measure a server: requests/s through a real server
// on 127.0.0.1 (pinned to core 0 with taskset), from Debian's wrk pinned to core 1, so the
// load generator never competes with the server it measures. Every variant of each stack's
// app (Hono on Node and Bun, Express 5, Fastify 5) runs in its own process; each round runs every (case, variant) pair once, in
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
import { FIXED_HEADERS, STACK_VARIANTS, type Variant, type Variants } from './server-apps.js';

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

/** One framework on one runtime, four ways (see server-apps.ts). */
interface Stack {
  readonly variants: Variants;
  start(variant: Variant): Promise<RunningServer>;
}

// Every server pinned to core 0; wrk gets core 1.
const node = (stack: string) => (variant: Variant) => startServerProcess('taskset', ['-c', '0', bin('tsx'), here('serve-node.ts'), variant, stack]);
export const SERVER_STACKS: Record<string, Stack> = {
  'Hono on Node': { variants: STACK_VARIANTS.hono, start: node('hono') },
  'Hono on Bun': {
    variants: STACK_VARIANTS.hono,
    start: (variant) => startServerProcess('taskset', ['-c', '0', bin('bun'), 'run', here('serve-bun.ts'), variant]),
  },
  'Express 5 on Node': { variants: STACK_VARIANTS.express, start: node('express') },
  'Fastify 5 on Node': { variants: STACK_VARIANTS.fastify, start: node('fastify') },
};

/** The stacks to measure: all, or those named in BENCH_STACKS (comma-separated, e.g. "Express 5 on Node"). */
function selectedStacks(): [string, Stack][] {
  const wanted = process.env.BENCH_STACKS?.split(',').map((name) => name.trim());
  return Object.entries(SERVER_STACKS).filter(([name]) => wanted === undefined || wanted.includes(name));
}

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
async function checkAnswers(servers: Map<Variant, RunningServer>, variants: Variants): Promise<void> {
  for (const c of SERVER_CASES) {
    // Corsa and the usual choice; the fixed-headers floor answers no preflight and grants blindly.
    for (const variant of variants.slice(2, 4)) {
      const response = await fetch(`${servers.get(variant)!.baseUrl}/r`, { method: c.method, headers: c.headers });
      await response.arrayBuffer();
      const problem = c.check(response);
      if (problem) throw new Error(`${variant} answers "${c.title}" wrongly: ${problem}`);
    }
  }
}

export interface ServerRow {
  stack: string;
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
  for (const [stack, { variants, start }] of selectedStacks()) {
    const servers = new Map<Variant, RunningServer>();
    const [none, noop] = variants;
    try {
      for (const variant of variants) servers.set(variant, await start(variant));
      await checkAnswers(servers, variants);
      for (const variant of variants) runWrk(`${servers.get(variant)!.baseUrl}/r`, SERVER_CASES[0]!, 1); // warm-up
      const rps = new Map<string, number[]>();
      const ratios = new Map<string, number[]>();
      const errors = new Map<string, number>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const c of SERVER_CASES) {
          const inRound = new Map<Variant, number>();
          const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
          for (const variant of order) {
            const result = runWrk(`${servers.get(variant)!.baseUrl}/r`, c);
            inRound.set(variant, result.rps);
            const key = `${c.id}|${variant}`;
            rps.set(key, [...(rps.get(key) ?? []), result.rps]);
            // "no CORS", the no-op and the fixed-headers variants have no OPTIONS route: their preflights are 404s.
            const expectedErrors = c.method === 'OPTIONS' && (variant === none || variant === noop || variant === FIXED_HEADERS);
            errors.set(key, (errors.get(key) ?? 0) + (expectedErrors ? 0 : result.errors));
            process.stderr.write('.');
          }
          for (const variant of variants) {
            const key = `${c.id}|${variant}`;
            ratios.set(key, [...(ratios.get(key) ?? []), inRound.get(variant)! / inRound.get(none)!]);
          }
        }
      }
      for (const c of SERVER_CASES) {
        for (const variant of variants) {
          const key = `${c.id}|${variant}`;
          rows.push({ stack, caseId: c.id, variant, rps: median(rps.get(key)!), ratio: median(ratios.get(key)!), errors: errors.get(key)! });
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
  const workers = process.env.BENCH_STACKS === undefined ? await measureWorkers() : undefined;
  const lines = [
    '### Server level',
    '',
    `Each stack's app answering \`GET /r\` with \`{ ok: true }\` and one header (credentials, one exposed header); server pinned to core 0, \`wrk -t1 -c${CONNECTIONS}\` pinned to core 1, ${ROUNDS} interleaved rounds of ${SECONDS} s per case and variant; requests/s is the median over rounds, the ratio (in parentheses) the median of per-round ratios to no CORS. "Corsa / no-op" is Corsa's ratio over the no-op middleware's: the cost of CORS itself. "The same headers, fixed" (Hono) is a middleware writing the headers Corsa answers an allowed GET with, fixed (\`Vary: Origin\` on every GET): the framework's own price for sending them, the floor any CORS layer pays; "Corsa / fixed headers" is what Corsa adds above it.`,
    '',
    '| stack | case | no CORS | no-op | Corsa | the usual choice | the same headers, fixed | Corsa / no-op | Corsa / fixed headers | Corsa vs the usual choice |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [stack, { variants }] of selectedStacks()) {
    for (const c of SERVER_CASES) {
      const of = (variant: Variant) => rows.find((r) => r.stack === stack && r.caseId === c.id && r.variant === variant)!;
      const cell = (variant: Variant | undefined) => {
        if (variant === undefined) return '—';
        const row = of(variant);
        const errors = row.errors > 0 ? `, ${row.errors} errors` : '';
        return `${(row.rps / 1000).toFixed(1)} k (${row.ratio.toFixed(2)}×${errors})`;
      };
      const [none, noop, corsa, rival, fixed] = variants;
      // The floor means something only where it sends what Corsa sends: an allowed or refused GET.
      const floor = fixed !== undefined && c.method === 'GET' ? fixed : undefined;
      lines.push(
        `| ${stack} (${corsa} vs ${rival}) | ${c.title} | ${[none, noop, corsa, rival, floor].map(cell).join(' | ')} | ${(of(corsa).ratio / of(noop).ratio).toFixed(2)}× | ${floor ? `${(of(corsa).ratio / of(floor).ratio).toFixed(2)}×` : '—'} | ${(of(corsa).ratio / of(rival).ratio).toFixed(2)}× |`,
      );
    }
  }
  lines.push('');
  if (workers) {
    lines.push(
      `Workers (\`wrangler dev\`, GET from an allowed origin): ${(workers.without / 1000).toFixed(2)} k requests/s without CORS, ${(workers.withCors / 1000).toFixed(2)} k with @corsa/workers (${workers.ratio.toFixed(2)}×). wrangler's local proxy, not the Worker, sets this pace, so Corsa's few microseconds cannot show here; the Worker's own cost is what the core level measures.`,
      '',
    );
  }
  return lines.join('\n');
}
