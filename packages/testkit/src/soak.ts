// Load and soak: a bounded mix of allowed, refused and preflight requests from this
// process (autocannon) against a server in another process, checking the CORS headers of
// every response and sampling the server's memory (RSS of its whole process group).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { RunningServer } from './adapter-vectors.js';
import { median } from './median.js';
import { startServerProcess, startWranglerDev } from './runtimes.js';

const APP = 'https://app.example';
const EVIL = 'https://evil.example';

export interface SoakReport {
  label: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  timeouts: number;
  /** Responses whose status or CORS headers were not what the policy says. */
  wrongAnswers: number;
  firstWrongAnswer?: string;
  /**
   * RSS of the process that runs the server code, sampled each second after warm-up:
   * the median of the first and of the last quarter of the samples (so that a garbage
   * collector's sawtooth is not read as growth), and the most seen.
   */
  rssStartMiB: number;
  rssEndMiB: number;
  rssMaxMiB: number;
  /** RSS of the whole process group (for wrangler dev: its Node CLI, proxy and esbuild too). */
  groupRssStartMiB: number;
  groupRssEndMiB: number;
}

export interface SoakOptions {
  seconds: number;
  /** Traffic before memory is first measured, so JIT and heap warm-up are not counted. */
  warmupSeconds: number;
  connections?: number;
  /** Which process of the group runs the server code (default: the whole group). */
  serverProcess?: (commandLine: string) => boolean;
}

type Check = (status: number, headers: Record<string, string | string[]>) => string | undefined;

const lower = (headers: Record<string, string | string[]>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));

// The request mix, each with what its answer must be.
const MIX: { method: string; headers: Record<string, string>; check: Check }[] = [
  {
    method: 'GET',
    headers: { origin: APP },
    check: (status, raw) => {
      const h = lower(raw);
      return status === 200 && h['access-control-allow-origin'] === APP && /origin/i.test(h.vary ?? '')
        ? undefined
        : `allowed GET: ${status} ${JSON.stringify(h)}`;
    },
  },
  {
    method: 'GET',
    headers: { origin: EVIL },
    check: (status, raw) => {
      const h = lower(raw);
      return status === 200 && !('access-control-allow-origin' in h) && /origin/i.test(h.vary ?? '')
        ? undefined
        : `refused GET: ${status} ${JSON.stringify(h)}`;
    },
  },
  {
    method: 'OPTIONS',
    headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    check: (status, raw) => {
      const h = lower(raw);
      return status === 204 && h['access-control-allow-origin'] === APP ? undefined : `allowed preflight: ${status} ${JSON.stringify(h)}`;
    },
  },
  {
    method: 'OPTIONS',
    headers: { origin: EVIL, 'access-control-request-method': 'PUT' },
    check: (status, raw) => {
      const h = lower(raw);
      return status === 403 && !Object.keys(h).some((k) => k.startsWith('access-control-')) ? undefined : `refused preflight: ${status} ${JSON.stringify(h)}`;
    },
  },
];

/** Resident memory of the processes in group `pgid` that `pick` selects, in KiB (Linux /proc). */
export function groupRssKiB(pgid: number, pick: (commandLine: string) => boolean = () => true): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 of stat: the process group
      if (!pick(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '))) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      total += rss ? Number(rss[1]) : 0;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

function run(server: RunningServer, seconds: number, connections: number, onWrong: (message: string) => void): Promise<autocannon.Result> {
  return autocannon({
    url: `${server.baseUrl}/data`,
    connections,
    duration: seconds,
    maxOverallRequests: 5_000_000, // a hard cap on the count, whatever the speed
    timeout: 10,
    requests: MIX.map(({ method, headers, check }) => ({
      method,
      headers,
      onResponse: (status: number, _body: string, _context: unknown, responseHeaders: Record<string, string | string[]>) => {
        const wrong = check(status, responseHeaders);
        if (wrong) onWrong(wrong);
      },
    })),
  } as autocannon.Options);
}

/** Two samples within 3 % of each other: the server's memory has settled. */
const SETTLED = 1.03;
const MAX_SETTLE_SECONDS = 10;

export async function soak(label: string, server: RunningServer, options: SoakOptions): Promise<SoakReport> {
  let wrongAnswers = 0;
  let firstWrongAnswer: string | undefined;
  const onWrong = (message: string) => {
    wrongAnswers++;
    firstWrongAnswer ??= message;
  };
  const connections = options.connections ?? 10;
  const pgid = server.pid ?? 0;
  const warmup = { errors: 0, timeouts: 0 };
  const warm = async (seconds: number) => {
    const result = await run(server, seconds, connections, onWrong);
    warmup.errors += result.errors;
    warmup.timeouts += result.timeouts;
  };
  await warm(options.warmupSeconds);
  // Warm-up ends once the server's memory has settled under the load: a sample within
  // SETTLED of the one a second before (at most MAX_SETTLE_SECONDS more). Measured from a
  // server still filling its working set, a plateau reads as growth (workerd started one
  // run at 113 MiB after 5 s and settled at 169, where other runs start at 130).
  if (pgid) {
    let before = groupRssKiB(pgid, options.serverProcess);
    for (let extra = 0; extra < MAX_SETTLE_SECONDS; extra++) {
      await warm(1);
      const now = groupRssKiB(pgid, options.serverProcess);
      if (now <= before * SETTLED) break;
      before = now;
    }
  }
  const own: number[] = [];
  const group: number[] = [];
  const sample = () => {
    if (!pgid) return;
    own.push(groupRssKiB(pgid, options.serverProcess));
    group.push(groupRssKiB(pgid));
  };
  sample();
  const timer = setInterval(sample, 1000);
  const result = await run(server, options.seconds, connections, onWrong);
  clearInterval(timer);
  sample();
  const mib = (kib: number | undefined) => Math.round(((kib ?? 0) / 1024) * 10) / 10;
  const quarter = Math.max(1, Math.floor(own.length / 4));
  return {
    label,
    seconds: options.seconds,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    errors: result.errors + warmup.errors,
    timeouts: result.timeouts + warmup.timeouts,
    wrongAnswers,
    ...(firstWrongAnswer ? { firstWrongAnswer } : {}),
    rssStartMiB: mib(median(own.slice(0, quarter))),
    rssEndMiB: mib(median(own.slice(-quarter))),
    rssMaxMiB: mib(Math.max(...own)),
    groupRssStartMiB: mib(median(group.slice(0, quarter))),
    groupRssEndMiB: mib(median(group.slice(-quarter))),
  };
}

/** What is wrong with a soak run: errors, wrong answers, or memory that grew by more than a quarter (+16 MiB). */
export function soakProblems(report: SoakReport): string[] {
  const problems: string[] = [];
  if (report.errors > 0 || report.timeouts > 0) problems.push(`${report.errors} errors, ${report.timeouts} timeouts`);
  if (report.wrongAnswers > 0) problems.push(`${report.wrongAnswers} wrong answers, first: ${report.firstWrongAnswer}`);
  if (report.rssEndMiB > report.rssStartMiB * 1.25 + 16) problems.push(`RSS grew from ${report.rssStartMiB} to ${report.rssEndMiB} MiB`);
  return problems;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The Bun reference server (packages/bun/test/server.ts). */
export function startBunServer(): Promise<RunningServer> {
  return startServerProcess(here('../../../node_modules/.bin/bun'), ['run', 'test/server.ts'], {
    cwd: here('../../bun/'),
    env: { UPSTREAM: 'http://127.0.0.1:9' },
  });
}

/** The workerd process that runs the Worker's code under wrangler dev (not wrangler's proxy). */
export const WORKER_RUNTIME_PROCESS = (commandLine: string) => commandLine.includes('workerd serve') && commandLine.includes('--inspector-addr');

/** The test Worker under `wrangler dev` (packages/workers/test/wrangler.toml). */
export function startWranglerWorker(): Promise<RunningServer> {
  return startWranglerDev(here('../../workers/test/'));
}
