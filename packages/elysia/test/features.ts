// An Elysia app the way Elysia apps are written (values returned, `set.headers`, an onError
// hook, body validation, Elysia's 404), served on Bun with @corsa/elysia, or with
// @elysiajs/cors at its defaults (PLUGIN=elysiajs-cors) to show what migrating changes.
import { cors as elysiajsCors } from '@elysiajs/cors';
import { Elysia, t } from 'elysia';
import { cors } from '../src/index.ts';

const APP = 'https://app.example';
const plugin = process.env.PLUGIN === 'elysiajs-cors' ? elysiajsCors() : cors({ origins: [APP], credentials: true, exposeHeaders: ['x-request-id'] });

const app = new Elysia()
  .use(plugin)
  .onError(({ code, error }) => {
    if (code === 'NOT_FOUND' || code === 'VALIDATION') return;
    // An error answer that writes CORS headers of its own, as copied snippets do.
    return new Response(JSON.stringify({ error: String(error) }), { status: 500, headers: { 'access-control-allow-origin': '*' } });
  })
  .get('/value', ({ set }) => {
    set.headers['x-request-id'] = 'r-7';
    set.headers['access-control-allow-origin'] = '*'; // what a handler should not decide
    set.headers.vary = 'Accept-Encoding';
    return { ok: true };
  })
  .get('/plain', () => 'plain')
  .get('/boom', () => {
    throw new Error('boom (expected in this test)');
  })
  .post('/typed', ({ body }) => body, { body: t.Object({ name: t.String() }) })
  .listen({ hostname: '127.0.0.1', port: 0 });
console.log(`LISTENING ${app.server?.port}`);
