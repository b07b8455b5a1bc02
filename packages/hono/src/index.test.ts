import { type CorsOptions, type CorsPolicy, cachedOrigins, corsOptionsFromEnv, createCorsPolicy } from '@corsa/core';
import { Hono, type MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { etag } from 'hono/etag';
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

const EVIL = 'https://evil.example';
const corsNames = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-') || name === 'corsa-refusal');

describe('@corsa/hono: the CORS headers are exactly Corsa’s answer', () => {
  it('removes Access-Control-* headers a handler wrote with c.header() for a refused origin', async () => {
    const app = appWith((a) => {
      a.use('*', cors({ origins: [APP] }));
      a.get('/x', (c) => {
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Access-Control-Allow-Credentials', 'true');
        c.header('Access-Control-Expose-Headers', 'x-secret');
        return c.text('x');
      });
    });
    expect(corsNames(await get(app, '/x', EVIL))).toEqual([]);
    const allowed = await get(app, '/x');
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('access-control-expose-headers')).toBeNull();
  });
});

describe('@corsa/hono: overlapping cors() — the most specific path answers, never a mix', () => {
  const site = { origins: '*', debug: true } as const;
  const api = { origins: [APP], credentials: true, debug: true } as const;
  const orders: [string, (a: Hono) => void][] = [
    ['global first', (a) => (a.use('*', cors(site)), a.use('/api/*', cors(api)))],
    ['specific first', (a) => (a.use('/api/*', cors(api)), a.use('*', cors(site)))],
  ];

  describe.each(orders)('registered %s', (_, register) => {
    const app = appWith((a) => {
      register(a);
      a.get('/api/me', (c) => c.json({ me: 1 }));
      a.get('/logo.png', (c) => c.text('png'));
    });

    it('GET /api/me from the app: the /api policy alone (reflected origin and credentials, no *)', async () => {
      const response = await get(app, '/api/me');
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    });

    it('GET /api/me from a stranger: refused by the /api policy, no ACAO: * beside its reason', async () => {
      const response = await get(app, '/api/me', EVIL);
      expect(corsNames(response)).toEqual(['corsa-refusal']);
      expect(response.headers.get('vary')).toBe('Origin');
    });

    it('the /api preflight is answered by the /api policy', async () => {
      const allowed = await preflight(app, '/api/me');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      expect((await preflight(app, '/api/me', 'PUT', EVIL)).status).toBe(403);
    });

    it('everything else is answered by the site policy', async () => {
      expect((await get(app, '/logo.png', EVIL)).headers.get('access-control-allow-origin')).toBe('*');
      expect((await preflight(app, '/logo.png', 'PUT', EVIL)).headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  it('ranks literal segments over parameters over wildcards', async () => {
    const app = appWith((a) => {
      a.use('/api/:id', cors({ origins: ['https://param.example'] }));
      a.use('/api/*', cors({ origins: ['https://wild.example'] }));
      a.use('/api/users', cors({ origins: ['https://literal.example'] }));
      a.get('/api/:id', (c) => c.text('x'));
    });
    expect((await get(app, '/api/users', 'https://literal.example')).headers.get('access-control-allow-origin')).toBe('https://literal.example');
    expect((await get(app, '/api/users', 'https://param.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get(app, '/api/7', 'https://param.example')).headers.get('access-control-allow-origin')).toBe('https://param.example');
  });

  it('a sub-app’s cors() (app.route) is more specific than the parent’s', async () => {
    const sub = new Hono();
    sub.use('*', cors(api));
    sub.get('/me', (c) => c.text('me'));
    sub.onError((_, c) => c.text('sub error', 500)); // Hono wraps the sub-app's handlers then
    const app = appWith((a) => {
      a.use('*', cors(site));
      a.route('/api', sub);
    });
    expect((await get(app, '/api/me')).headers.get('access-control-allow-credentials')).toBe('true');
    expect(corsNames(await get(app, '/api/me', EVIL))).toEqual(['corsa-refusal']);
  });

  it('two different cors() at equally specific paths fail loudly on the first request', async () => {
    const app = appWith((a) => {
      a.use('/api/*', cors(site));
      a.use('/api/*', cors(api));
      a.get('/api/me', (c) => c.text('me'));
      a.onError((error, c) => c.text(error.message, 500));
    });
    const response = await get(app, '/api/me');
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(
      /two different cors\(\) match GET \/api\/me at equally specific paths \('\/api\/\*' and '\/api\/\*'\).*\[hono-ambiguous-policies\]/,
    );
  });

  it('a cors() registered for one method fails loudly (its preflight would meet another policy)', async () => {
    const app = appWith((a) => {
      a.use('*', cors(site));
      a.get('/api/me', cors(api), (c) => c.text('me'));
      a.onError((error, c) => c.text(error.message, 500));
    });
    expect(await (await get(app, '/api/me')).text()).toMatch(/registered for GET \/api\/me only.*app\.use\('\/api\/me', cors\(…\)\)/);
  });

  it('a nested app called with the same Request and another policy fails loudly; with the same policy it stands aside', async () => {
    const inner = (policy: CorsPolicy | CorsOptions) => {
      const app = new Hono();
      app.use('*', cors(policy));
      app.get('*', (c) => c.text('inner'));
      app.onError((error, c) => c.text(error.message, 500));
      return app;
    };
    const outer = (policy: ReturnType<typeof createCorsPolicy>, innerApp: Hono) =>
      appWith((a) => {
        a.use('*', cors(policy));
        a.all('*', (c) => innerApp.fetch(c.req.raw));
        a.onError((error, c) => c.text(error.message, 500));
      });
    const shared = createCorsPolicy(api);
    const same = await get(outer(shared, inner(shared)), '/x');
    expect(await same.text()).toBe('inner');
    expect(same.headers.get('access-control-allow-origin')).toBe(APP);
    const other = await get(outer(shared, inner(site)), '/x');
    expect(other.status).toBe(500);
    expect(await other.text()).toContain('[nested-policies]');
  });
});

describe('@corsa/hono: a policy from the context — cors((c) => …)', () => {
  type Bindings = { CORS_ORIGINS?: string; CORS_CREDENTIALS?: string };
  const envApp = () => {
    const app = new Hono<{ Bindings: Bindings }>();
    app.use(
      '*',
      cors((c) => corsOptionsFromEnv(c.env)),
    );
    app.get('/x', (c) => c.text('x'));
    app.onError((error, c) => c.text(error.message, 500));
    return app;
  };

  it('reads [vars] through c.env, per env object', async () => {
    const app = envApp();
    const a = { CORS_ORIGINS: APP, CORS_CREDENTIALS: 'true' };
    const b = { CORS_ORIGINS: 'https://other.example' };
    const fromA = await app.request('/x', { headers: { origin: APP } }, a);
    expect(fromA.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await app.request('/x', { headers: { origin: APP } }, b)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await app.request('/x', { headers: { origin: 'https://other.example' } }, b)).headers.get('access-control-allow-origin')).toBe(
      'https://other.example',
    );
  });

  it('a bad variable fails the request loudly, naming the variable', async () => {
    const response = await envApp().request('/x', { headers: { origin: APP } }, { CORS_ORIGINS: 'https://app.example/' });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("CORS_ORIGINS[0]: 'https://app.example/' ends with '/'");
  });

  it('a function of the request picks a policy per request', async () => {
    const app = appWith((a) => {
      a.use(
        '*',
        cors((c) => (new URL(c.req.url).hostname === 'admin.example' ? { origins: [APP], credentials: true } : { origins: '*' })),
      );
      a.get('/x', (c) => c.text('x'));
    });
    const admin = await app.request('https://admin.example/x', { headers: { origin: APP } });
    expect(admin.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await app.request('https://www.example/x', { headers: { origin: APP } })).headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('@corsa/hono: a cors() inside another middleware (every(), a condition) never loses silently', () => {
  const SITE = { origins: ['https://partner.example', APP], credentials: true } as const;
  const ADMIN = { origins: ['https://admin.example'], credentials: true } as const;
  const PARTNER = 'https://partner.example';

  const withWrapped = (wrap: (adminCors: ReturnType<typeof cors>) => Parameters<Hono['use']>[1]) =>
    appWith((a) => {
      a.use('*', cors(SITE));
      a.use('/admin/*', wrap(cors(ADMIN)));
      a.get('/admin/users', (c) => c.text('users'));
      a.delete('/admin/users', (c) => c.text('deleted'));
      a.onError((error, c) => c.text(error.message, 500));
    });

  it.each([
    ['every(adminCors, requireAdmin)', (adminCors: ReturnType<typeof cors>) => every(adminCors, async (_c, next) => next())],
    [
      'a condition',
      (adminCors: ReturnType<typeof cors>): MiddlewareHandler =>
        (c, next) =>
          c.req.path.startsWith('/admin') ? adminCors(c, next) : next(),
    ],
  ])('%s beside a broader cors(): the request fails loudly, and so does every preflight after it', async (_, wrap) => {
    const app = withWrapped(wrap as never);
    const actual = await get(app, '/admin/users', PARTNER);
    expect(actual.status).toBe(500);
    expect(await actual.text()).toContain('[hono-wrapped-cors]');
    const deletion = await preflight(app, '/admin/users', 'DELETE', PARTNER);
    expect(deletion.status).toBe(500);
    expect(deletion.headers.get('access-control-allow-origin')).toBeNull();
    // Paths the wrapper does not match are answered by the site policy as before.
    expect(
      (
        await preflight(
          appWith((a) => a.use('*', cors(SITE))),
          '/public',
          'PUT',
          PARTNER,
        )
      ).status,
    ).toBe(204);
  });

  it('alone, a wrapped cors() answers for itself', async () => {
    const app = appWith((a) => {
      a.use(
        '/admin/*',
        every(cors(ADMIN), async (_c, next) => next()),
      );
      a.get('/admin/users', (c) => c.text('users'));
    });
    expect((await get(app, '/admin/users', 'https://admin.example')).headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect((await get(app, '/admin/users', PARTNER)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('@corsa/hono: corners', () => {
  // etag() rebuilds a 304 from a few retained headers (Vary among them). Outside cors() it
  // runs last, so the 304 keeps Vary: Origin (caches stay keyed by origin) but not the
  // CORS answer — a browser revalidating its own cache uses the stored 200's. Registered
  // after cors() (cors() first, as the README says), the 304 carries the answer too.
  it.each([
    ['outside cors()', false],
    ['inside cors()', true],
  ])('etag() %s: the 304 keeps Vary: Origin; inside, it carries the CORS answer too', async (_, corsFirst) => {
    const app = appWith((a) => {
      if (corsFirst) a.use('*', cors(options));
      a.use('*', etag());
      if (!corsFirst) a.use('*', cors(options));
      a.get('/r', (c) => c.text('stable body'));
    });
    const first = await get(app, '/r');
    const tag = first.headers.get('etag') as string;
    const revalidated = await app.request('/r', { headers: { origin: APP, 'if-none-match': tag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('vary')).toContain('Origin');
    expect(revalidated.headers.get('access-control-allow-origin')).toBe(corsFirst ? APP : null);
  });
});

describe('@corsa/hono: a source returning one object mutated per request', () => {
  it('answers each request with the policy of what the object holds then (tenant A never reads tenant B)', async () => {
    const shared: { origins: string[]; credentials: boolean } = { origins: [], credentials: true };
    const app = appWith((a) => {
      a.use(
        '*',
        cors((c) => {
          shared.origins = [`https://${c.req.param('tenant') ?? c.req.path.split('/')[1]}.example`];
          return shared;
        }),
      );
      a.get('/:tenant/data', (c) => c.text('data'));
    });
    expect((await get(app, '/a/data', 'https://a.example')).headers.get('access-control-allow-origin')).toBe('https://a.example');
    expect((await get(app, '/b/data', 'https://a.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get(app, '/b/data', 'https://b.example')).headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect((await preflight(app, '/b/data', 'PUT', 'https://a.example')).status).toBe(403);
  });
});

describe('@corsa/hono: a sub-app reached with a new Request (app.mount)', () => {
  const inner = (policy: CorsOptions) => {
    const app = new Hono();
    app.use('*', cors(policy));
    app.get('*', (c) => c.text('inner'));
    return app;
  };

  it('with another policy: the first actual request fails loudly instead of the outer policy silently winning', async () => {
    const app = appWith((a) => {
      a.use('*', cors({ origins: ['https://site.example'] }));
      a.mount('/partner', inner({ origins: ['https://partner.example'], credentials: true }).fetch);
      a.onError((error, c) => c.text(error.message, 500));
    });
    const response = await get(app, '/partner/data', 'https://partner.example');
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('[nested-policies]');
  });

  it('with the same policy: answered once, as without the mount', async () => {
    const shared = { origins: [APP], credentials: true } as const;
    const app = appWith((a) => {
      a.use('*', cors(shared));
      a.mount('/same', inner(shared).fetch);
    });
    const response = await get(app, '/same/data');
    expect(await response.text()).toBe('inner');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('@corsa/hono: work Corsa does not wait for goes to the runtime’s waitUntil', () => {
  it("a stale cachedOrigins answer's refresh is handed to c.executionCtx.waitUntil (a Worker cancels it otherwise); without one, nothing throws", async () => {
    let now = 1_000_000;
    const realNow = Date.now;
    Date.now = () => now;
    try {
      const origins = cachedOrigins(async () => true, { ttl: 1000 });
      const app = new Hono();
      app.use('*', cors({ origins }));
      app.get('/', (c) => c.text('ok'));
      const request = () => new Request('https://api.example/', { headers: { origin: APP } });
      const handed: Promise<unknown>[] = [];
      const ctx = { waitUntil: (work: Promise<unknown>) => void handed.push(work), passThroughOnException: () => {}, props: {} };
      expect((await app.fetch(request(), {}, ctx)).headers.get('access-control-allow-origin')).toBe(APP); // first lookup, awaited
      expect(handed).toHaveLength(0);
      now += 1500; // stale: served at once, refreshed in the background
      expect((await app.fetch(request(), {}, ctx)).headers.get('access-control-allow-origin')).toBe(APP);
      expect(handed).toHaveLength(1);
      await handed[0];
      now += 1500;
      expect((await app.fetch(request())).headers.get('access-control-allow-origin')).toBe(APP); // no executionCtx: still answered
    } finally {
      Date.now = realNow;
    }
  });
});
