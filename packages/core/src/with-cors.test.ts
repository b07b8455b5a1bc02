import { actualRequest, preflightRequest } from '@corsa/testkit';
import { describe, expect, it } from 'vitest';
import { CorsConfigError } from './errors.js';
import { createCorsPolicy } from './policy.js';
import { withCors } from './with-cors.js';

const APP = 'https://app.example';

// The inner layer's CorsConfigError reaches the outer layer as a handler error: a 500, the error logged.
async function expectNestedPolicies(handler: (request: Request) => Promise<Response>): Promise<void> {
  const logged: unknown[] = [];
  const original = console.error;
  console.error = (error: unknown) => void logged.push(error);
  try {
    expect((await handler(actualRequest(APP))).status).toBe(500);
  } finally {
    console.error = original;
  }
  expect(logged).toMatchObject([{ issues: [{ path: 'layers', code: 'nested-policies' }] }]);
}

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

  it('answers a handler that throws or rejects with a 500 carrying the CORS answer, and logs the error with its stack', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const failure = new Error('handler failed');
      const throwing = withCors({ origins: [APP], credentials: true }, () => {
        throw failure;
      });
      const rejecting = withCors({ origins: [APP], credentials: true }, async () => Promise.reject(failure));
      for (const handler of [throwing, rejecting]) {
        const response = await handler(actualRequest(APP));
        expect(response.status).toBe(500);
        expect(await response.text()).toBe('Internal Server Error');
        expect(response.headers.get('access-control-allow-origin')).toBe(APP);
        expect(response.headers.get('access-control-allow-credentials')).toBe('true');
        expect(response.headers.get('vary')).toBe('Origin');
      }
      expect(logged.map((args) => args[0])).toEqual([failure, failure]);
    } finally {
      console.error = original;
    }
  });

  it('onError(error, request) shapes that response, which still gets the CORS answer; an onError that throws falls back to a 500', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const seen: [unknown, string][] = [];
      const handler = withCors(
        {
          origins: [APP],
          onError: (error, request) => (seen.push([error, request.url]), Response.json({ error: String(error) }, { status: 503 })),
        },
        () => {
          throw new Error('db down');
        },
      );
      const response = await handler(actualRequest(APP));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'Error: db down' });
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(seen).toHaveLength(1);
      expect(logged).toEqual([]); // onError given: logging is its own business

      const broken = withCors(
        {
          origins: [APP],
          onError: () => {
            throw new Error('onError broke');
          },
        },
        () => {
          throw new Error('db down');
        },
      );
      const fallback = await broken(actualRequest(APP));
      expect(fallback.status).toBe(500);
      expect(fallback.headers.get('access-control-allow-origin')).toBe(APP);
      expect(logged).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });

  it('refuses an onError that is not a function at start-up', () => {
    expect(() => withCors({ origins: [APP], onError: 'oops' as never }, () => new Response())).toThrow(/onError: expected a function/);
  });

  it('wrapped twice with one options object (two compiled policies of equal content): the outer answers, no error', async () => {
    const options = { origins: [APP], credentials: true } as const;
    const handler = withCors(
      options,
      withCors(options, () => new Response('ok')),
    );
    const response = await handler(actualRequest(APP));
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(await response.text()).toBe('ok');
  });

  it('the same checks whatever else the process holds: nesting is detected with one layer per process or many', async () => {
    // Before: with one layer in the process the claim bookkeeping was skipped; now it never is.
    const inner = withCors({ origins: [APP], credentials: true }, () => new Response('ok'));
    const outer = withCors({ origins: '*' }, inner);
    await expectNestedPolicies(outer);
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
    await expectNestedPolicies(handler);
  });

  it('keeps its claims on a frozen Request too: nesting detected, the request answered again once released', async () => {
    const frozen = Object.freeze(actualRequest(APP));
    const nested = withCors(
      { origins: '*' },
      withCors({ origins: [APP], credentials: true }, () => new Response('ok')),
    );
    await expectNestedPolicies(() => nested(frozen));
    const handler = withCors({ origins: [APP] }, () => new Response('ok'));
    expect((await handler(frozen)).headers.get('access-control-allow-origin')).toBe(APP);
    expect((await handler(frozen)).headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('a Request frozen while a layer answers it is released all the same', async () => {
    const request = actualRequest(APP);
    const handler = withCors({ origins: [APP] }, () => {
      Object.freeze(request);
      return new Response('ok');
    });
    expect((await handler(request)).headers.get('access-control-allow-origin')).toBe(APP);
    expect((await handler(request)).headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('validates options when wrapping, not on the first request', () => {
    expect(() => withCors({ origins: ['https://app.example/'] }, () => new Response())).toThrow(CorsConfigError);
  });
});
