// Every Corsa adapter serving the browser API (testkit/src/browser-app.ts) in its own
// runtime: Hono on Node, Express (@corsa/node), Fastify, Next.js (next start), SvelteKit
// (adapter-node), Astro (standalone), the Worker under wrangler dev, Deno, Bun and Elysia on Bun. Each starts with
// the page origins its strict and wildcard policies list.
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServerProcess, startWranglerDev } from '@corsa/testkit';
import { startAstro } from '../../astro/test/astro-app.js';
import { startNext } from '../../next/test/next-app.js';
import { startSvelteKit } from '../../sveltekit/test/sveltekit-app.js';
import { startHonoNode } from '../servers/hono-node.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const bin = (name: string) => here(`../../../node_modules/.bin/${name}`);

const nodeServer = (framework: string, origins: string[], wild: string) =>
  startServerProcess(bin('tsx'), [here('../servers/node-main.ts'), framework], { env: { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild } });

export type StartAdapter = (pageOrigins: string[], wildPattern: string) => Promise<RunningServer>;

export const ADAPTERS: [string, StartAdapter][] = [
  ['@corsa/hono on Node', (origins, wild) => startHonoNode(origins, wild)],
  // In processes of their own: the browser app's handler-run counters are per process.
  ['@corsa/node in Express', (origins, wild) => nodeServer('express', origins, wild)],
  ['@corsa/fastify in Fastify', (origins, wild) => nodeServer('fastify', origins, wild)],
  // A production build (made once per run), route.ts handlers under withCors.
  ['@corsa/next in next start', (origins, wild) => startNext('start', { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild })],
  // The adapter-node build (made once per run), cors() as the app's handle.
  ['@corsa/sveltekit in the adapter-node build', (origins, wild) => startSvelteKit('adapter-node', { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild })],
  // The standalone build (made once per run), cors() as the app's middleware.
  ['@corsa/astro in the standalone build', (origins, wild) => startAstro('standalone', { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild })],
  ['@corsa/workers under wrangler dev', (origins, wild) => startWranglerDev(here('../servers/'), { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild })],
  [
    '@corsa/deno in Deno',
    (origins, wild) =>
      startServerProcess(bin('deno'), ['run', '--allow-net', '--allow-env', here('../servers/deno.ts')], {
        cwd: here('../../deno/'),
        env: { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild },
      }),
  ],
  [
    '@corsa/bun in Bun',
    (origins, wild) =>
      startServerProcess(bin('bun'), ['run', here('../servers/bun.ts')], {
        env: { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild },
      }),
  ],
  [
    '@corsa/elysia in Elysia on Bun',
    (origins, wild) =>
      startServerProcess(bin('bun'), ['run', here('../servers/elysia.ts')], {
        env: { PAGE_ORIGINS: origins.join(','), WILD_PATTERN: wild },
      }),
  ],
];
