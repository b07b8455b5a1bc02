// Server level: requests/s and p99 latency through real servers on 127.0.0.1, the load
// from this process (autocannon), the server in another; variants interleaved in rounds.
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServerProcess } from '@corsa/testkit';
import autocannon from 'autocannon';
import { APP } from './cases.js';
import { VARIANTS, type Variant } from './server-apps.js';

const ROUNDS = Number(process.env.BENCH_SERVER_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 5);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const bin = (name: string) => here(`../../../node_modules/.bin/${name}`);

const RUNTIMES: Record<string, (variant: Variant) => Promise<RunningServer>> = {
  Node: (variant) => startServerProcess(bin('tsx'), [here('serve-node.ts'), variant]),
  Bun: (variant) => startServerProcess(bin('bun'), ['run', here('serve-bun.ts'), variant]),
};

async function load(server: RunningServer): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({
    url: `${server.baseUrl}/r`,
    headers: { origin: APP },
    connections: 32,
    duration: SECONDS,
    maxOverallRequests: 10_000_000,
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runServerLevel(): Promise<string> {
  const lines = [
    '### Server level',
    '',
    `Hono app, \`GET /r\` from an allowed origin, 32 connections, ${ROUNDS} interleaved rounds of ${SECONDS} s per variant (median).`,
    '',
    '| runtime | variant | requests/s | p99 latency | vs no CORS | errors |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const [runtime, start] of Object.entries(RUNTIMES)) {
    const servers = new Map<Variant, RunningServer>();
    for (const variant of VARIANTS) servers.set(variant, await start(variant));
    const results = new Map<Variant, { rps: number[]; p99: number[]; errors: number }>(VARIANTS.map((v) => [v, { rps: [], p99: [], errors: 0 }]));
    try {
      for (const variant of VARIANTS) await load(servers.get(variant)!); // warm-up
      for (let round = 0; round < ROUNDS; round++) {
        for (const variant of VARIANTS) {
          const r = await load(servers.get(variant)!);
          const entry = results.get(variant)!;
          entry.rps.push(r.rps);
          entry.p99.push(r.p99);
          entry.errors += r.errors;
          process.stderr.write('.');
        }
      }
    } finally {
      for (const server of servers.values()) await server.stop();
    }
    const baseline = median(results.get('no CORS')!.rps);
    for (const variant of VARIANTS) {
      const entry = results.get(variant)!;
      const rps = median(entry.rps);
      lines.push(`| ${runtime} | ${variant} | ${Math.round(rps)} | ${median(entry.p99)} ms | ${((rps / baseline) * 100).toFixed(1)}% | ${entry.errors} |`);
    }
  }
  process.stderr.write('\n');
  return `${lines.join('\n')}\n`;
}
