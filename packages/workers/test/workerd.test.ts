// @corsa/workers inside workerd: the test Worker is bundled with esbuild and served by
// Miniflare (the workerd that wrangler ships) on 127.0.0.1; requests go over real HTTP.
import { bundleForWorkerd, type RunningServer, runAdapterVectors, startUpstream } from '@corsa/testkit';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP = 'https://app.example';
const REFERENCE_VARS = {
  CORS_ORIGINS: 'https://app.example,http://localhost:*',
  CORS_CREDENTIALS: 'true',
  CORS_METHODS: 'GET,POST,PUT,DELETE',
  CORS_ALLOW_HEADERS: 'Content-Type,X-Trace',
  CORS_EXPOSE_HEADERS: 'X-Request-Id',
  CORS_MAX_AGE: '600',
};

let script: Promise<string> | undefined;
const bundledWorker = () => (script ??= bundleForWorkerd(new URL('./worker.ts', import.meta.url).pathname));

type Worker = RunningServer & { mf: Miniflare };

async function startWorker(bindings: Record<string, string>): Promise<Worker> {
  const mf = new Miniflare({
    modules: true,
    script: await bundledWorker(),
    compatibilityDate: '2026-01-01',
    bindings,
    host: '127.0.0.1',
    port: 0,
  });
  const url = await mf.ready;
  return { baseUrl: url.origin, stop: () => mf.dispose(), mf };
}

runAdapterVectors('@corsa/workers in workerd, options given directly', (upstream) => startWorker({ UPSTREAM: upstream }));
runAdapterVectors('@corsa/workers in workerd, options from CORS_* vars', (upstream) => startWorker({ UPSTREAM: upstream, FROM_ENV: '1', ...REFERENCE_VARS }));

describe('@corsa/workers in workerd: what only Workers have', () => {
  let worker: Worker;
  let upstream: RunningServer;
  beforeAll(async () => {
    upstream = await startUpstream();
    worker = await startWorker({ UPSTREAM: upstream.baseUrl, FROM_ENV: '1', ...REFERENCE_VARS });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await upstream?.stop();
  });

  it('gives a Cache API response (immutable headers) CORS headers', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${worker.baseUrl}/cached`, { headers: { origin: APP } });
      expect(await response.text()).toBe('from cache');
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('passes a WebSocket upgrade (101 with webSocket) through untouched, and it works', async () => {
    const response = await worker.mf.dispatchFetch(`${worker.baseUrl}/ws`, { headers: { upgrade: 'websocket', origin: APP } });
    expect(response.status).toBe(101);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const socket = response.webSocket;
    expect(socket).toBeTruthy();
    socket!.accept();
    const reply = new Promise<string>((resolve) => socket!.addEventListener('message', (event) => resolve(String(event.data))));
    socket!.send('hi');
    expect(await reply).toBe('echo hi');
    socket!.close();
  });

  it('refuses megabyte headers built in-process without throwing', async () => {
    const report = await (await fetch(`${worker.baseUrl}/in-process-hostile`)).json();
    expect(report).toEqual({ statuses: [403, 403, 403], longOriginAllowed: false });
  });

  it('runs a factory per request, as @corsa/hono does: an origin removed from env in place is refused on the next request', async () => {
    const allowed = async () => (await fetch(`${worker.baseUrl}/data`, { headers: { origin: APP } })).headers.get('access-control-allow-origin');
    expect(await allowed()).toBe(APP);
    try {
      await fetch(`${worker.baseUrl}/set-origins?origins=${encodeURIComponent('https://other.example')}`);
      expect(await allowed()).toBeNull();
    } finally {
      await fetch(`${worker.baseUrl}/set-origins?origins=${encodeURIComponent(REFERENCE_VARS.CORS_ORIGINS)}`);
    }
    expect(await allowed()).toBe(APP);
  });

  it('passes scheduled through as it is, though it is a class method', async () => {
    const handler = await worker.mf.getWorker();
    await handler.scheduled({ cron: '* * * * *' });
    expect(await (await fetch(`${worker.baseUrl}/scheduled-runs`)).text()).toBe('1');
  });
});

describe('@corsa/hono in workerd', () => {
  let worker: Worker;
  let upstream: RunningServer;
  beforeAll(async () => {
    upstream = await startUpstream();
    worker = await startWorker({ UPSTREAM: upstream.baseUrl });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await upstream?.stop();
  });

  it('answers a preflight and adds headers to a route response', async () => {
    const preflight = await fetch(`${worker.baseUrl}/hono/data`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    const response = await fetch(`${worker.baseUrl}/hono/data`, { headers: { origin: APP } });
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('re-wraps a fetch() response (immutable headers in workerd)', async () => {
    const response = await fetch(`${worker.baseUrl}/hono/proxy`, { headers: { origin: APP } });
    expect(await response.text()).toBe('payload');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Origin');
  });

  it('passes a WebSocket upgrade made by upgradeWebSocket through untouched', async () => {
    const response = await worker.mf.dispatchFetch(`${worker.baseUrl}/hono/ws`, { headers: { upgrade: 'websocket', origin: APP } });
    expect(response.status).toBe(101);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const socket = response.webSocket!;
    socket.accept();
    const reply = new Promise<string>((resolve) => socket.addEventListener('message', (event) => resolve(String(event.data))));
    socket.send('hi');
    expect(await reply).toBe('echo hi');
    socket.close();
  });
});

describe('@corsa/hono in workerd with a policy from [vars]: cors((c) => corsOptionsFromEnv(c.env))', () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await startWorker({ UPSTREAM: 'http://127.0.0.1:9', ...REFERENCE_VARS });
  }, 120_000);
  afterAll(() => worker?.stop());

  it('answers from the vars, and builds the options once for the isolate’s env', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${worker.baseUrl}/hono-env/data`, { headers: { origin: APP } });
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    }
    const preflight = await fetch(`${worker.baseUrl}/hono-env/data`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PATCH' } });
    expect(preflight.status).toBe(403); // CORS_METHODS has no PATCH
    expect(await (await fetch(`${worker.baseUrl}/hono-env/options-seen`)).text()).toBe('1');
  });
});

describe('@corsa/workers in workerd: a bad CORS_* value', () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await startWorker({ UPSTREAM: 'http://127.0.0.1:9', FROM_ENV: '1', CORS_ORIGINS: 'https://app.example/', CORS_MAX_AGE: 'soon' });
  }, 120_000);
  afterAll(() => worker?.stop());

  it('fails loudly on the first request, naming the variables', async () => {
    const response = await fetch(`${worker.baseUrl}/data`, { headers: { origin: APP } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('CORS_ORIGINS[0]');
    expect(text).toContain('CORS_MAX_AGE');
  });
});
