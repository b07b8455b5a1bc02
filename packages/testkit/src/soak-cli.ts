// npm run soak [-- --seconds 60 --connections 10]: about a minute of mixed traffic against
// the Bun server and the Worker under wrangler dev; prints one report per server and
// exits non-zero on any error, wrong answer, or memory that grew by more than a quarter.
import { soak, soakProblems, startBunServer, startWranglerWorker, WORKER_RUNTIME_PROCESS } from './soak.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const seconds = arg('seconds', 60);
const connections = arg('connections', 10);

let failed = false;
const servers = [
  ['Bun', startBunServer, undefined],
  ['Worker (wrangler dev)', startWranglerWorker, WORKER_RUNTIME_PROCESS],
] as const;
for (const [label, start, serverProcess] of servers) {
  const server = await start();
  try {
    const report = await soak(label, server, { seconds, warmupSeconds: 10, connections, ...(serverProcess ? { serverProcess } : {}) });
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
