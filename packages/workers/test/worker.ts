// The Worker the workers tests run inside workerd (bundled by esbuild, served by
// Miniflare). One module, three configurations chosen by bindings: REFERENCE_POLICY given
// directly, the same policy read from CORS_* variables through a factory, and whatever
// CORS_* the test sets. Under /hono/ it serves a Hono app with @corsa/hono, so that the
// Hono adapter is proven in workerd too (WebSocket upgrades, fetch() responses), and
// under /hono-env/ one whose policy comes from c.env ([vars]) through cors((c) => …).
// The app is a class instance: its scheduled() is a class method, which withCors keeps.
import { corsOptionsFromEnv } from '@corsa/core';
import { Hono } from 'hono';
import { upgradeWebSocket } from 'hono/cloudflare-workers';
import { cors } from '../../hono/src/index.js';
import { FLAKY_POLICY, isFlaky, REFERENCE_POLICY, referenceHandler } from '../../testkit/src/reference-app.js';
import { withCors } from '../src/index.js';

interface Env {
  UPSTREAM: string;
  FROM_ENV?: string;
  CORS_ORIGINS?: string;
}

let scheduledRuns = 0;

class ReferenceWorker {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    // An env changed in place (a test stands in for a platform that reuses the object): the factory sees it on the next request.
    if (path === '/set-origins') {
      env.CORS_ORIGINS = new URL(request.url).searchParams.get('origins') ?? '';
      return new Response('set');
    }
    if (path === '/scheduled-runs') return new Response(String(scheduledRuns));
    if (path === '/cached') return cachedResponse(request);
    if (path === '/ws') return webSocketResponse();
    if (path === '/in-process-hostile') return inProcessHostile();
    return referenceHandler(env.UPSTREAM)(request);
  }

  async scheduled(): Promise<void> {
    scheduledRuns++;
  }
}
const app = new ReferenceWorker();

const direct = withCors(REFERENCE_POLICY, app);
const flaky = withCors(FLAKY_POLICY, app);
const fromEnv = withCors((env: Env) => corsOptionsFromEnv(env), app);

const honoApp = new Hono<{ Bindings: Env }>().basePath('/hono');
honoApp.use('*', cors(REFERENCE_POLICY));
honoApp.get(
  '/ws',
  upgradeWebSocket(() => ({ onMessage: (event, ws) => ws.send(`echo ${String(event.data)}`) })),
);
honoApp.get('/proxy', (c) => fetch(`${c.env.UPSTREAM}/payload`));
honoApp.get('/data', (c) => c.json({ ok: true }));

// The options objects the factory returned: one while c.env stays the same object.
const optionsSeen = new Set<object>();
const honoEnvApp = new Hono<{ Bindings: Env }>().basePath('/hono-env');
honoEnvApp.use(
  '*',
  cors((c) => {
    const options = corsOptionsFromEnv(c.env);
    optionsSeen.add(options);
    return options;
  }),
);
honoEnvApp.get('/data', (c) => c.json({ ok: true }));
honoEnvApp.get('/options-seen', (c) => c.text(String(optionsSeen.size)));

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname.startsWith('/hono/')) return honoApp.fetch(request, env);
    if (new URL(request.url).pathname.startsWith('/hono-env/')) return honoEnvApp.fetch(request, env);
    if (isFlaky(request)) return flaky.fetch(request, env);
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

// Megabyte headers never reach a Worker over HTTP (workerd answers 431), so build them
// in-process and run them through the wrapper: each must be refused, nothing may throw.
async function inProcessHostile(): Promise<Response> {
  const mib = 1024 * 1024;
  const statuses: number[] = [];
  for (const junk of [','.repeat(mib), ' x'.repeat(mib / 2), 'x'.repeat(mib)]) {
    const request = new Request('http://x/data', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': junk },
    });
    statuses.push((await direct.fetch(request, { UPSTREAM: '' })).status);
  }
  const longOrigin = await direct.fetch(new Request('http://x/data', { headers: { origin: `https://${'a'.repeat(64 * 1024)}.example` } }), { UPSTREAM: '' });
  return Response.json({ statuses, longOriginAllowed: longOrigin.headers.has('access-control-allow-origin') });
}
