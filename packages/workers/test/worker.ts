// The Worker the workers tests run inside workerd (bundled by esbuild, served by
// Miniflare). One module, three configurations chosen by bindings: REFERENCE_POLICY given
// directly, the same policy read from CORS_* variables through a factory, and whatever
// CORS_* the test sets.
import { corsOptionsFromEnv } from '@corsa/core';
import { REFERENCE_POLICY, referenceHandler } from '../../testkit/src/reference-app.js';
import { withCors } from '../src/index.js';

interface Env {
  UPSTREAM: string;
  FROM_ENV?: string;
}

let factoryCalls = 0;
let scheduledRuns = 0;

const app = {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/factory-calls') return new Response(String(factoryCalls));
    if (path === '/scheduled-runs') return new Response(String(scheduledRuns));
    if (path === '/cached') return cachedResponse(request);
    if (path === '/ws') return webSocketResponse();
    return referenceHandler(env.UPSTREAM)(request);
  },
  async scheduled(): Promise<void> {
    scheduledRuns++;
  },
};

const direct = withCors(REFERENCE_POLICY, app);
const fromEnv = withCors((env: Env) => {
  factoryCalls++;
  return corsOptionsFromEnv(env as unknown as Record<string, unknown>);
}, app);

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return (env.FROM_ENV ? fromEnv : direct).fetch(request, env);
  },
  scheduled: direct.scheduled,
};

// A response from the Cache API: its headers are immutable.
async function cachedResponse(request: Request): Promise<Response> {
  const cache = (caches as unknown as { default: Cache }).default;
  const key = new Request(new URL('/cache-key', request.url));
  let hit = await cache.match(key);
  if (!hit) {
    await cache.put(key, new Response('from cache', { headers: { 'cache-control': 'max-age=600', 'x-cached': 'yes' } }));
    hit = await cache.match(key);
  }
  if (!hit) return new Response('cache unavailable', { status: 500 });
  return hit;
}

function webSocketResponse(): Response {
  const pair = new (globalThis as unknown as { WebSocketPair: new () => Record<0 | 1, WebSocket & { accept(): void }> }).WebSocketPair();
  pair[1].accept();
  pair[1].addEventListener('message', (event) => pair[1].send(`echo ${String(event.data)}`));
  pair[1].addEventListener('close', () => pair[1].close());
  return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit);
}
