// cors() called as Astro calls a middleware, in-process (test/astro.test.ts runs it in Astro's servers).
import type { APIContext, MiddlewareHandler } from 'astro';
import { describe, expect, it, vi } from 'vitest';
import { cors } from './index.js';

const APP = 'https://app.example.com';
const OPTIONS = { origins: [APP], credentials: true, methods: ['GET', 'POST'] } as const;

/** The part of an APIContext the middleware reads, for a request to https://api.example/items. */
const contextOf = (method: string, headers: Record<string, string> = {}) => {
  const request = new Request('https://api.example/items', { method, headers });
  return { request, url: new URL(request.url), locals: {} } as unknown as APIContext;
};

/** Middlewares one after another, as `sequence()` from 'astro:middleware' chains them (which only Astro's servers provide). */
const chain =
  (...handlers: MiddlewareHandler[]): ((context: APIContext, last: () => Promise<Response>) => Promise<Response>) =>
  async (context, last) => {
    const [first, ...rest] = handlers;
    if (!first) return last();
    return (await first(context, () => chain(...rest)(context, last))) as Response;
  };

describe('cors() as an Astro middleware', () => {
  it('answers a preflight itself: next is never called', async () => {
    const next = vi.fn(async () => new Response('route'));
    const answer = (await cors(OPTIONS)(contextOf('OPTIONS', { origin: APP, 'access-control-request-method': 'POST' }), next)) as Response;
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(next).not.toHaveBeenCalled();
  });

  it("owns the CORS headers of what next returns: an endpoint's own are replaced by the answer", async () => {
    const next = async () => new Response('x', { headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': '*' } });
    const allowed = (await cors(OPTIONS)(contextOf('GET', { origin: APP }), next)) as Response;
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-allow-methods')).toBeNull();
    const refused = (await cors(OPTIONS)(contextOf('GET', { origin: 'https://evil.example' }), next)) as Response;
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('in a chain (sequence()): two different policies are a CorsConfigError at the first request, logged and answered 500', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await chain(cors(OPTIONS), cors({ origins: ['https://other.example'] }))(contextOf('GET', { origin: APP }), async () => new Response());
    expect(answer.status).toBe(500);
    expect(String(spy.mock.calls[0]?.[0])).toContain('nested-policies');
    spy.mockRestore();
  });

  it('a function source gets the APIContext (here what an earlier middleware put in locals)', async () => {
    const setTenant: MiddlewareHandler = (context, next) => {
      (context.locals as { tenant?: string }).tenant = APP;
      return next();
    };
    const handle = chain(
      setTenant,
      cors((context) => ({ origins: [(context.locals as { tenant: string }).tenant], methods: ['PUT'] })),
    );
    const answer = await handle(contextOf('OPTIONS', { origin: APP, 'access-control-request-method': 'PUT' }), async () => new Response());
    expect(answer.status).toBe(204);
  });

  it('checks options when src/middleware.ts loads', () => {
    expect(() => cors({ origins: ['*'], credentials: true } as never)).toThrow(/credentials/);
  });
});
