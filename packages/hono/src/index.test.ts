import { createCorsPolicy } from '@corsa/core';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { cors } from './index.js';

const APP = 'https://app.example';
const options = { origins: [APP], credentials: true, allowHeaders: ['Content-Type', 'Authorization'] } as const;

function appWith(register: (app: Hono) => void): Hono {
  const app = new Hono();
  register(app);
  return app;
}

const get = (app: Hono, path: string, origin = APP, method = 'GET') => app.request(path, { method, headers: { origin } });
const preflight = (app: Hono, path: string, method = 'PUT', origin = APP) =>
  app.request(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } });

describe('@corsa/hono cors()', () => {
  it('answers a preflight before routing and before auth registered after it', async () => {
    const reached: string[] = [];
    const app = appWith((a) => {
      a.use('*', cors(options));
      a.use('*', async (c, next) => {
        reached.push('auth');
        if (!c.req.header('authorization')) return c.text('unauthorized', 401);
        await next();
      });
      a.put('/items', (c) => c.text('put'));
    });
    const response = await preflight(app, '/items');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(reached).toEqual([]);
    // The actual request then meets auth, and its 401 still carries CORS headers so the
    // script can read the refusal.
    const actual = await app.request('/items', { method: 'PUT', headers: { origin: APP } });
    expect(actual.status).toBe(401);
    expect(actual.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('lets an OPTIONS that is not a preflight reach the route', async () => {
    const app = appWith((a) => {
      a.use('*', cors(options));
      a.options('/items', (c) => c.text('allow: GET, PUT'));
    });
    const response = await get(app, '/items', APP, 'OPTIONS');
    expect(await response.text()).toBe('allow: GET, PUT');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('keeps CORS headers on onError, HTTPException and notFound responses', async () => {
    const app = appWith((a) => {
      a.use('*', cors(options));
      a.get('/throws', () => {
        throw new Error('boom');
      });
      a.get('/forbidden', () => {
        throw new HTTPException(403, { message: 'no' });
      });
      a.onError((error, c) => (error instanceof HTTPException ? error.getResponse() : c.json({ error: 'internal' }, 500)));
    });
    for (const [path, status] of [
      ['/throws', 500],
      ['/forbidden', 403],
      ['/missing', 404],
    ] as const) {
      const response = await get(app, path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('access-control-allow-origin'), path).toBe(APP);
      expect(response.headers.get('access-control-allow-credentials'), path).toBe('true');
      expect(response.headers.get('vary'), path).toBe('Origin');
    }
  });

  it('keeps CORS headers on sub-apps mounted with app.route', async () => {
    const api = new Hono().get('/users', (c) => c.json([]));
    const app = appWith((a) => {
      a.use('*', cors(options));
      a.route('/api', api);
    });
    const response = await get(app, '/api/users');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect((await preflight(app, '/api/users')).status).toBe(204);
  });

  it('never duplicates a header when registered twice', async () => {
    const policy = createCorsPolicy(options);
    const app = appWith((a) => {
      a.use('*', cors(policy));
      a.use('/api/*', cors(policy));
      a.get('/api/x', (c) => {
        c.header('vary', 'Accept-Encoding');
        return c.text('x');
      });
    });
    const response = await get(app, '/api/x');
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Origin');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight(app, '/api/x')).headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('merges Vary with what the handler set through c.header', async () => {
    const app = appWith((a) => {
      a.use('*', cors(options));
      a.get('/x', (c) => c.body('x', 200, { Vary: 'Accept-Language' }));
    });
    expect((await get(app, '/x')).headers.get('vary')).toBe('Accept-Language, Origin');
  });

  it('re-wraps a response with immutable headers without losing the merged Vary', async () => {
    const app = appWith((a) => {
      a.use('*', cors(options));
      a.get('/redirect', () => {
        const redirect = Response.redirect('https://app.example/next', 302);
        return redirect;
      });
    });
    const response = await get(app, '/redirect');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://app.example/next');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('refuses a preflight with 403 and no route runs', async () => {
    let runs = 0;
    const app = appWith((a) => {
      a.use('*', cors(options));
      a.all('*', (c) => (runs++, c.text('route')));
    });
    const response = await preflight(app, '/x', 'PUT', 'https://evil.example');
    expect(response.status).toBe(403);
    expect(runs).toBe(0);
  });

  it('supports async predicates, and the request is the raw Request', async () => {
    const app = appWith((a) => {
      a.use('*', cors({ origins: async (origin, request) => origin === APP && new URL(request.url).pathname !== '/closed' }));
      a.get('*', (c) => c.text('ok'));
    });
    expect((await get(app, '/open')).headers.get('access-control-allow-origin')).toBe(APP);
    expect((await get(app, '/closed')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('validates the options when the middleware is created', () => {
    expect(() => cors({ origins: ['https://app.example/'] })).toThrow(/origin-trailing-slash/);
  });
});
