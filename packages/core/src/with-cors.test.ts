import { actualRequest, preflightRequest } from '@corsa/testkit';
import { describe, expect, it } from 'vitest';
import { CorsConfigError } from './errors.js';
import { createCorsPolicy } from './policy.js';
import { withCors } from './with-cors.js';

const APP = 'https://app.example';

describe('withCors', () => {
  it('answers a preflight without running the handler', async () => {
    let runs = 0;
    const handler = withCors({ origins: [APP] }, () => (runs++, new Response('ok')));
    expect((await handler(preflightRequest(APP, 'PUT'))).status).toBe(204);
    expect((await handler(preflightRequest('https://evil.example', 'PUT'))).status).toBe(403);
    expect(runs).toBe(0);
  });

  it('runs the handler for every other request and merges the headers', async () => {
    const handler = withCors(createCorsPolicy({ origins: [APP], credentials: true }), async () => new Response('ok', { headers: { vary: 'Accept' } }));
    const response = await handler(actualRequest(APP, 'POST'));
    expect(await response.text()).toBe('ok');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toBe('Accept, Origin');
  });

  it('lets a non-preflight OPTIONS reach the handler', async () => {
    const handler = withCors({ origins: [APP] }, (request) => new Response(`handled ${request.method}`));
    const response = await handler(new Request('https://api.example/', { method: 'OPTIONS', headers: { origin: APP } }));
    expect(await response.text()).toBe('handled OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('passes extra arguments on (env, ctx, info)', async () => {
    const handler = withCors({ origins: '*' }, (_request: Request, env: { name: string }, ctx: number) => new Response(`${env.name}:${ctx}`));
    expect(await (await handler(actualRequest(APP), { name: 'env' }, 7)).text()).toBe('env:7');
  });

  it('propagates handler errors unchanged', async () => {
    const failure = new Error('handler failed');
    const handler = withCors({ origins: [APP] }, () => {
      throw failure;
    });
    await expect(handler(actualRequest(APP))).rejects.toBe(failure);
  });

  it('works with an async predicate', async () => {
    const handler = withCors({ origins: async (origin) => origin === APP }, () => new Response('ok'));
    expect((await handler(actualRequest(APP))).headers.get('access-control-allow-origin')).toBe(APP);
    expect((await handler(preflightRequest('https://evil.example', 'PUT'))).status).toBe(403);
  });

  it('removes the CORS headers of a proxied upstream that the policy does not grant', async () => {
    const upstream = () => new Response('secret', { headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' } });
    const handler = withCors({ origins: [APP] }, upstream);
    const refused = await handler(actualRequest('https://evil.example'));
    expect([...refused.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const allowed = await handler(actualRequest(APP));
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('takes a function of the request for a policy per path', async () => {
    const api = { origins: [APP], credentials: true } as const;
    const site = { origins: '*' } as const;
    const handler = withCors(
      (request) => (new URL(request.url).pathname.startsWith('/api/') ? api : site),
      () => new Response('ok'),
    );
    const fromApi = await handler(new Request('https://api.example/api/me', { headers: { origin: APP } }));
    expect(fromApi.headers.get('access-control-allow-credentials')).toBe('true');
    const fromSite = await handler(new Request('https://api.example/logo.png', { headers: { origin: APP } }));
    expect(fromSite.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('wrapped twice with one policy: the outer layer answers, the inner stands aside', async () => {
    const seen: string[] = [];
    const policy = createCorsPolicy({ origins: [APP], onRefusal: (refusal) => seen.push(refusal.reason) });
    const handler = withCors(
      policy,
      withCors(policy, () => new Response('ok')),
    );
    expect((await handler(actualRequest('https://evil.example'))).headers.get('vary')).toBe('Origin');
    expect(seen).toHaveLength(1); // reported once, by the layer that answered
  });

  it('answers the same Request object again when it is dispatched twice', async () => {
    const handler = withCors({ origins: [APP] }, () => new Response('ok'));
    const request = actualRequest(APP);
    expect((await handler(request)).headers.get('access-control-allow-origin')).toBe(APP);
    expect((await handler(request)).headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('wrapped twice with different policies: the inner layer fails loudly instead of being overruled', async () => {
    const handler = withCors(
      { origins: '*' },
      withCors({ origins: [APP], credentials: true }, () => new Response('ok')),
    );
    await expect(handler(actualRequest(APP))).rejects.toMatchObject({ issues: [{ path: 'layers', code: 'nested-policies' }] });
  });

  it('validates options when wrapping, not on the first request', () => {
    expect(() => withCors({ origins: ['https://app.example/'] }, () => new Response())).toThrow(CorsConfigError);
  });
});
