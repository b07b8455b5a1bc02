// cors() called as SvelteKit calls a handle, in-process (test/sveltekit.test.ts runs it in SvelteKit's servers).
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { cors } from './index.js';

const APP = 'https://app.example.com';

/**
 * Handles one after another, as `sequence()` from '@sveltejs/kit/hooks' chains them (which
 * runs only inside SvelteKit's server: the HTTP tests use it in test/app's hooks).
 */
const chain =
  (...handles: Handle[]): Handle =>
  ({ event, resolve }) => {
    const [first, ...rest] = handles;
    return first ? first({ event, resolve: (next) => chain(...rest)({ event: next, resolve }) }) : resolve(event);
  };
const OPTIONS = { origins: [APP], credentials: true, methods: ['GET', 'POST'] } as const;

/** The part of a RequestEvent the handle reads, for a request to https://api.example/items. */
const eventOf = (method: string, headers: Record<string, string> = {}) => {
  const request = new Request('https://api.example/items', { method, headers });
  return { request, url: new URL(request.url), locals: {} } as unknown as RequestEvent;
};

describe('cors() as a SvelteKit handle', () => {
  it('answers a preflight itself: resolve is never called', async () => {
    const resolve = vi.fn(() => new Response('route'));
    const answer = await cors(OPTIONS)({ event: eventOf('OPTIONS', { origin: APP, 'access-control-request-method': 'POST' }), resolve });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(resolve).not.toHaveBeenCalled();
  });

  it("owns the CORS headers of what resolve returns: a route's own are replaced by the answer", async () => {
    const handle = cors(OPTIONS);
    const resolve = () => new Response('x', { headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': '*' } });
    const allowed = await handle({ event: eventOf('GET', { origin: APP }), resolve });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-allow-methods')).toBeNull();
    const refused = await handle({ event: eventOf('GET', { origin: 'https://evil.example' }), resolve });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('in a chain (sequence()): a later hook that throws gets a 500 with the CORS answer', async () => {
    const failing = () => {
      throw new Error('a later hook failed (expected in this test)');
    };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await chain(cors(OPTIONS), failing)({ event: eventOf('GET', { origin: APP }), resolve: () => new Response('never') });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('in a chain (sequence()): the same policy twice answers once', async () => {
    const answer = await chain(cors(OPTIONS), cors(OPTIONS))({ event: eventOf('GET', { origin: APP }), resolve: () => new Response('ok') });
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
    expect(answer.headers.get('vary')).toBe('Origin');
  });

  it('in a chain (sequence()): two different policies are a CorsConfigError at the first request, logged and answered 500', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await chain(
      cors(OPTIONS),
      cors({ origins: ['https://other.example'] }),
    )({ event: eventOf('GET', { origin: APP }), resolve: () => new Response('never') });
    expect(answer.status).toBe(500);
    expect(String(spy.mock.calls[0]?.[0])).toContain('nested-policies');
    spy.mockRestore();
  });

  it('a function source gets the RequestEvent (here its url and what an earlier hook put in locals)', async () => {
    const setTenant: Handle = ({ event, resolve }) => {
      (event.locals as { tenant?: string }).tenant = APP;
      return resolve(event);
    };
    const handle = chain(
      setTenant,
      cors((event) => ({ origins: [(event.locals as { tenant: string }).tenant], methods: [event.url.pathname === '/items' ? 'PUT' : 'GET'] })),
    );
    const answer = await handle({ event: eventOf('OPTIONS', { origin: APP, 'access-control-request-method': 'PUT' }), resolve: () => new Response() });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-methods')).toBe('PUT');
  });

  it('checks options when hooks.server.ts loads', () => {
    expect(() => cors({ origins: ['*'], credentials: true } as never)).toThrow(/credentials/);
  });
});
