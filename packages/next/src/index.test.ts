// withCors and corsProxy called as Next.js calls them, in-process (next.test.ts runs them in Next.js).
import { describe, expect, it } from 'vitest';
import { corsProxy, withCors } from './index.js';

const APP = 'https://app.example.com';
const OPTIONS = { origins: [APP], credentials: true, methods: ['GET', 'POST'] } as const;
const request = (method: string, headers: Record<string, string> = {}) => new Request('https://api.example/items', { method, headers });
const context = { params: Promise.resolve({}) };

describe('withCors for a route.ts', () => {
  const route = withCors(OPTIONS, { GET: () => Response.json([1]), POST: async (r: Request) => new Response(await r.text(), { status: 201 }) });

  it('adds the OPTIONS that answers preflights; the handlers never see them', async () => {
    const answer = await route.OPTIONS(request('OPTIONS', { origin: APP, 'access-control-request-method': 'POST' }), context);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, POST');
  });

  it('answers an OPTIONS that is not a preflight as Next.js would (204, Allow), with the CORS answer', async () => {
    const answer = await route.OPTIONS(request('OPTIONS', { origin: APP }), context);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it("keeps the route's own OPTIONS for what is not a preflight", async () => {
    const own = withCors(OPTIONS, { OPTIONS: () => new Response('mine') });
    expect(await (await own.OPTIONS(request('OPTIONS', { origin: APP }), context)).text()).toBe('mine');
    expect((await own.OPTIONS(request('OPTIONS', { origin: APP, 'access-control-request-method': 'GET' }), context)).status).toBe(204);
  });

  it('owns the CORS headers of every response, a thrown error included', async () => {
    const failing = withCors(OPTIONS, {
      GET: () => new Response('x', { headers: { 'access-control-allow-origin': '*' } }),
      PUT: () => {
        throw new Error('boom (expected in this test)');
      },
    });
    const made = await failing.GET(request('GET', { origin: 'https://evil.example' }), context);
    expect(made.headers.get('access-control-allow-origin')).toBeNull();
    const thrown = await failing.PUT(request('PUT', { origin: APP }), context);
    expect(thrown.status).toBe(500);
    expect(thrown.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('refuses what is not a route: a method Next.js does not dispatch, a handler that is not a function', () => {
    expect(() => withCors(OPTIONS, { get: () => new Response() } as never)).toThrow("'get' is not a route method; a route.ts exports GET, HEAD, POST");
    expect(() => withCors(OPTIONS, { GET: 'list' } as never)).toThrow('handlers.GET is not a function');
    expect(() => withCors(OPTIONS, undefined as never)).toThrow('takes the route');
  });
});

describe('corsProxy for proxy.ts / middleware.ts', () => {
  const proxy = corsProxy(OPTIONS, () => new Response(null, { headers: { 'x-middleware-next': '1' } }));

  it('answers a preflight itself and adds the CORS answer to what next() returns', async () => {
    expect((await proxy(request('OPTIONS', { origin: APP, 'access-control-request-method': 'GET' }))).status).toBe(204);
    const through = await proxy(request('GET', { origin: APP }));
    expect(through.headers.get('x-middleware-next')).toBe('1');
    expect(through.headers.get('access-control-allow-origin')).toBe(APP);
    expect(through.headers.get('vary')).toBe('Origin');
  });

  it('needs next', () => {
    expect(() => corsProxy(OPTIONS, undefined as never)).toThrow('NextResponse.next()');
  });
});
