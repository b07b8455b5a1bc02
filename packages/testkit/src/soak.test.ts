// The short soak CI runs on every change (npm run soak runs the minute-long one): a mix
// of allowed, refused and preflight requests against Bun and the Worker under wrangler
// dev, every answer checked, memory sampled.
import { describe, expect, it } from 'vitest';
import { type SoakReport, soak, soakProblems, startBunServer, startWranglerWorker, WORKER_RUNTIME_PROCESS } from './soak.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 8);

describe('load and soak (short)', () => {
  it.each([
    ['Bun', startBunServer, undefined],
    ['Worker (wrangler dev)', startWranglerWorker, WORKER_RUNTIME_PROCESS],
  ] as const)(
    '%s: zero errors, every answer right, memory flat',
    async (label, start, serverProcess) => {
      const server = await start();
      let report: SoakReport;
      try {
        report = await soak(label, server, { seconds: SECONDS, warmupSeconds: 5, ...(serverProcess ? { serverProcess } : {}) });
      } finally {
        await server.stop();
      }
      console.log(JSON.stringify(report));
      expect(report.requests).toBeGreaterThan(100);
      expect(soakProblems(report)).toEqual([]);
    },
    180_000,
  );
});
