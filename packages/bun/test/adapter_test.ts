// Bun-only behaviour of @corsa/bun, run by `bun test` (the Bun binary from npm).
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { corsRoute, withCors } from '../src/index.ts';

const APP = 'https://app.example';
const POLICY = { origins: [APP], credentials: true, methods: ['GET', 'POST', 'PUT'] } as const;
const preflight = { origin: APP, 'access-control-request-method': 'PUT' };

describe('routes', () => {
  let server: ReturnType<typeof Bun.serve>;
  let base: string;
  let fetchCalls = 0;
  beforeAll(() => {
    server = Bun.serve(
      withCors(POLICY, {
        hostname: '127.0.0.1',
        port: 0,
        routes: {
          '/static': new Response('static body', { headers: { vary: 'Accept-Encoding' } }),
          '/users/:id': (request: Request & { params: { id: string } }) => Response.json({ id: request.params.id }),
          '/api/*': () => new Response('wildcard'),
          '/posts': { GET: () => new Response('list'), POST: new Response('created', { status: 201 }) },
        },
        fetch: () => (fetchCalls++, new Response('fallback', { status: 404 })),
      }),
    );
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.stop(true));

  test('a static Response route gets CORS headers on every request, body intact', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${base}/static`, { headers: { origin: APP } });
      expect(await response.text()).toBe('static body');
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('vary')).toBe('Accept-Encoding, Origin');
    }
  });

  test('a parameter route keeps request.params', async () => {
    const response = await fetch(`${base}/users/42`, { headers: { origin: APP } });
    expect(await response.json()).toEqual({ id: '42' });
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  test('a wildcard route is wrapped', async () => {
    const response = await fetch(`${base}/api/anything/deep`, { headers: { origin: APP } });
    expect(await response.text()).toBe('wildcard');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('per-method handlers, including a static Response, are wrapped', async () => {
    const created = await fetch(`${base}/posts`, { method: 'POST', headers: { origin: APP } });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('a preflight to a per-method route without OPTIONS is answered', async () => {
    const before = fetchCalls;
    const response = await fetch(`${base}/posts`, { method: 'OPTIONS', headers: preflight });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT');
    expect(fetchCalls).toBe(before); // answered by the wrapper, the fetch handler never ran
  });

  test('a non-preflight OPTIONS falls through to fetch, as Bun does', async () => {
    const response = await fetch(`${base}/posts`, { method: 'OPTIONS', headers: { origin: APP } });
    expect(await response.text()).toBe('fallback');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('a refused preflight is 403 on every kind of route', async () => {
    for (const path of ['/static', '/users/1', '/api/x', '/posts', '/nowhere']) {
      const response = await fetch(`${base}${path}`, { method: 'OPTIONS', headers: { ...preflight, origin: 'https://evil.example' } });
      expect(response.status).toBe(403);
    }
  });
});

describe('serve options', () => {
  test('without fetch, preflights are still answered and other misses are 404', async () => {
    const server = Bun.serve(withCors(POLICY, { hostname: '127.0.0.1', port: 0, routes: { '/only': { GET: () => new Response('only') } } }));
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/only`, { method: 'OPTIONS', headers: preflight })).status).toBe(204);
    const miss = await fetch(`${base}/missing`, { headers: { origin: APP } });
    expect(miss.status).toBe(404);
    expect(miss.headers.get('vary')).toBe('Origin');
    server.stop(true);
  });

  test('the error hook answers a thrown error, with CORS headers', async () => {
    const server = Bun.serve(
      withCors(POLICY, {
        hostname: '127.0.0.1',
        port: 0,
        fetch: () => {
          throw new Error('boom');
        },
        error: (error: Error) => Response.json({ error: error.message }, { status: 500 }),
      }),
    );
    const response = await fetch(`http://127.0.0.1:${server.port}/`, { headers: { origin: APP } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'boom' });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    server.stop(true);
  });

  test('server.upgrade() keeps working: the handler returns nothing and the socket echoes', async () => {
    const server = Bun.serve(
      withCors(POLICY, {
        hostname: '127.0.0.1',
        port: 0,
        fetch(request: Request, srv: { upgrade(request: Request): boolean }) {
          if (srv.upgrade(request)) return undefined;
          return new Response('not a websocket', { status: 400 });
        },
        websocket: {
          message(ws: { send(data: string): void }, message: string | Buffer) {
            ws.send(`echo ${message}`);
          },
        },
      }),
    );
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/`, { headers: { origin: APP } } as never);
    const reply = await new Promise<string>((resolve, reject) => {
      socket.onopen = () => socket.send('hi');
      socket.onmessage = (event) => resolve(String(event.data));
      socket.onerror = () => reject(new Error('websocket failed'));
    });
    expect(reply).toBe('echo hi');
    socket.close();
    server.stop(true);
  });

  test('keeps every other option as it is', () => {
    const websocket = { message() {} };
    const options = withCors(POLICY, { port: 0, development: false, websocket, fetch: () => new Response('x') });
    expect(options.development).toBe(false);
    expect(options.websocket).toBe(websocket);
    expect(options.port).toBe(0);
  });

  test('Bun does not enforce immutable headers (so nothing needs re-wrapping here)', () => {
    const redirect = Response.redirect('https://app.example/next', 302);
    redirect.headers.set('x-probe', '1');
    expect(redirect.headers.get('x-probe')).toBe('1');
  });
});

describe('the CORS headers are exactly Corsa’s answer; every method map is wrapped', () => {
  test('a static Response route carrying its own CORS headers loses them for a refused origin', async () => {
    const server = Bun.serve(
      withCors(POLICY, {
        hostname: '127.0.0.1',
        port: 0,
        routes: { '/static': new Response('static', { headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' } }) },
      }),
    );
    const refused = await fetch(`http://127.0.0.1:${server.port}/static`, { headers: { origin: 'https://evil.example' } });
    expect([...refused.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const allowed = await fetch(`http://127.0.0.1:${server.port}/static`, { headers: { origin: APP } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    server.stop(true);
  });

  test('a method map is recognised by any upper-case method name (M-SEARCH), so a refused preflight never runs its handler', async () => {
    let runs = 0;
    const options = withCors(POLICY, { routes: { '/x': { GET: () => new Response('get'), 'M-SEARCH': () => (runs++, new Response('search')) } } });
    const map = options.routes['/x'] as Record<string, (request: Request, server: unknown) => Promise<Response>>;
    const refused = await map['M-SEARCH']!(
      new Request('http://x/x', { method: 'OPTIONS', headers: { ...preflight, origin: 'https://evil.example' } }),
      undefined,
    );
    expect(refused.status).toBe(403);
    expect(runs).toBe(0);
    expect(typeof map.OPTIONS).toBe('function'); // added: preflights meet this route's policy
  });

  test('a route mixing method names with other keys is refused at start-up', () => {
    expect(() => withCors(POLICY, { routes: { '/x': { GET: () => new Response('x'), handler: () => new Response('y') } as never } })).toThrow(
      "route '/x' mixes method handlers (GET) with other keys (handler)",
    );
  });

  test('corsRoute: one route with a policy of its own answers its preflights and requests', async () => {
    const server = Bun.serve(
      withCors(
        { origins: '*' },
        {
          hostname: '127.0.0.1',
          port: 0,
          routes: {
            '/api/me': corsRoute({ origins: [APP], credentials: true }, { GET: () => Response.json({ me: 1 }) }),
            '/logo': new Response('png'),
          },
        },
      ),
    );
    const base = `http://127.0.0.1:${server.port}`;
    const me = await fetch(`${base}/api/me`, { headers: { origin: APP } });
    expect(me.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await fetch(`${base}/api/me`, { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    const allowedPreflight = await fetch(`${base}/api/me`, { method: 'OPTIONS', headers: preflight });
    expect(allowedPreflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await fetch(`${base}/api/me`, { method: 'OPTIONS', headers: { ...preflight, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(`${base}/logo`, { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBe('*');
    server.stop(true);
  });

  test('corsRoute outside withCors is refused by Bun.serve at start-up, never served without CORS', () => {
    expect(() => Bun.serve({ port: 0, routes: { '/x': corsRoute({ origins: '*' }, () => new Response('x')) as never } })).toThrow();
  });
});

test('megabyte request headers, built in-process (no server limit in the way), are refused without throwing', async () => {
  const options = withCors({ origins: [APP], allowHeaders: ['content-type'] }, { fetch: () => new Response('ok') });
  const handle = options.fetch as (request: Request, server: unknown) => Promise<Response>;
  const mib = 1024 * 1024;
  for (const junk of [','.repeat(mib), ' x'.repeat(mib / 2), 'x'.repeat(mib)]) {
    const response = await handle(
      new Request('http://x/', { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': junk } }),
      undefined,
    );
    expect(response.status).toBe(403);
  }
  const longOrigin = await handle(new Request('http://x/', { headers: { origin: `https://${'a'.repeat(64 * 1024)}.example` } }), undefined);
  expect(longOrigin.headers.get('access-control-allow-origin')).toBeNull();
});

test('a source returning one object mutated per request: each request gets the policy of what it holds then', async () => {
  const shared: { origins: string[]; credentials: boolean } = { origins: [], credentials: true };
  const server = Bun.serve(
    withCors(
      (request: Request) => {
        shared.origins = [`https://${new URL(request.url).searchParams.get('tenant')}.example`];
        return shared;
      },
      { hostname: '127.0.0.1', port: 0, fetch: () => new Response('ok') },
    ),
  );
  try {
    const ask = async (tenant: string, origin: string) =>
      (await fetch(`http://127.0.0.1:${server.port}/?tenant=${tenant}`, { headers: { origin } })).headers.get('access-control-allow-origin');
    expect(await ask('a', 'https://a.example')).toBe('https://a.example');
    expect(await ask('b', 'https://a.example')).toBeNull();
    expect(await ask('b', 'https://b.example')).toBe('https://b.example');
  } finally {
    server.stop(true);
  }
});

test('a handler that throws without an error hook: a 500 with the CORS answer, not Bun’s bare error page', async () => {
  const original = console.error;
  console.error = () => {};
  const server = Bun.serve(
    withCors(POLICY, {
      hostname: '127.0.0.1',
      port: 0,
      fetch: () => {
        throw new Error('boom');
      },
    }),
  );
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/`, { headers: { origin: APP } });
    expect(response.status).toBe(500);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  } finally {
    server.stop(true);
    console.error = original;
  }
});
