// npm run soak [-- --seconds 60 --connections 10 --warmup 10]: about a minute of mixed traffic against
// the Bun server and the Worker under wrangler dev; prints one report per server and
// exits non-zero on any error, wrong answer, or memory that grew by more than a quarter.
import { parseArgs } from 'node:util';
import { soak, soakProblems, startBunServer, startWranglerWorker, WORKER_RUNTIME_PROCESS } from './soak.js';

const USAGE = 'Usage: npm run soak [-- --seconds 60 --connections 10 --warmup 10]';
const values = (() => {
  try {
    return parseArgs({
      options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '10' }, warmup: { type: 'string', default: '10' } },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
/** A whole number ≥ 1 from `--name`, or exit with a message that says what to write. */
const positive = (name: string, text: string) => {
  const value = Number(text);
  if (Number.isInteger(value) && value >= 1) return value;
  console.error(`--${name} '${text}' is not a whole number of at least 1; e.g. npm run soak -- --${name} 30`);
  process.exit(2);
};
const seconds = positive('seconds', values.seconds);
const connections = positive('connections', values.connections);
// Traffic before memory is first sampled (JIT and heap warm-up are not growth).
const warmupSeconds = positive('warmup', values.warmup);

let failed = false;
const servers = [
  ['Bun', startBunServer, undefined],
  ['Worker (wrangler dev)', startWranglerWorker, WORKER_RUNTIME_PROCESS],
] as const;
for (const [label, start, serverProcess] of servers) {
  const server = await start();
  try {
    const report = await soak(label, server, { seconds, warmupSeconds, connections, ...(serverProcess ? { serverProcess } : {}) });
    const problems = soakProblems(report);
    console.log(JSON.stringify(report));
    if (problems.length) {
      failed = true;
      console.error(`${label}: ${problems.join('; ')}`);
    }
  } finally {
    await server.stop();
  }
}
process.exit(failed ? 1 : 0);
