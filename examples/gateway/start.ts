// Starts the gateway as the tests (and the browser suite) run it: the Worker under
// wrangler dev, or the Bun server, in front of a given upstream.
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServerProcess, startWranglerDev } from '@corsa/testkit';

const here = fileURLToPath(new URL('.', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

/** The FastAPI app behind the gateway (upstream/main.py). */
export const UPSTREAM_DIR = fileURLToPath(new URL('./upstream/', import.meta.url));

/** Starts the gateway (Worker or Bun) in front of `upstream`, allowing `origins` with credentials. */
export async function startGateway(runtime: 'worker' | 'bun', upstream: string, origins: string): Promise<RunningServer> {
  if (runtime === 'bun') {
    return startServerProcess(bin('bun'), ['run', 'server.ts'], { cwd: here, env: { PORT: '0', UPSTREAM: upstream, CORS_ORIGINS: origins } });
  }
  return startWranglerDev(here, { UPSTREAM: upstream, CORS_ORIGINS: origins });
}
