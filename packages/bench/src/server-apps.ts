// The server-level apps: for each stack, the same app four ways — without CORS, with a
// no-op middleware (the framework's own cost of one more layer), with Corsa, and with what
// users of that stack pick instead. Hono runs on Node (serve-node.ts) and Bun
// (serve-bun.ts); Express 5 and Fastify 5 on Node (serve-node.ts).
import { cors as corsaHono } from '@corsa/hono';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { APP } from './cases.js';
import { corsaPolicy, honoCorsOptions } from './library-options.js';

/**
 * The variants of a stack, in table order: none, no-op, Corsa, the usual choice, and (Hono)
 * the floor: a middleware that writes the same headers Corsa answers an allowed GET with,
 * fixed, after one string comparison — what the framework charges to send them at all.
 */
export type Variants = readonly [string, string, string, string] | readonly [string, string, string, string, string];

/** The floor variant's name. */
export const FIXED_HEADERS = 'the same headers, fixed';

export const STACK_VARIANTS = {
  hono: ['no CORS', 'no-op middleware', '@corsa/hono', 'hono/cors', FIXED_HEADERS],
  express: ['no CORS', 'no-op middleware', '@corsa/node', 'cors'],
  fastify: ['no CORS', 'no-op hook', '@corsa/fastify', '@fastify/cors'],
} as const satisfies Record<string, Variants>;

export type StackName = keyof typeof STACK_VARIANTS;

export type Variant = string;

export function serverApp(variant: Variant): Hono {
  const app = new Hono();
  if (variant === 'no-op middleware')
    app.use('*', async (_c, next) => {
      await next();
    });
  if (variant === '@corsa/hono') app.use('*', corsaHono(corsaPolicy('small')));
  if (variant === 'hono/cors') app.use('*', honoCors(honoCorsOptions('small')));
  if (variant === FIXED_HEADERS)
    app.use('*', async (c, next) => {
      await next();
      const headers = c.res.headers;
      if (c.req.header('origin') === APP) {
        headers.set('access-control-allow-origin', APP);
        headers.set('access-control-allow-credentials', 'true');
        headers.set('access-control-expose-headers', 'x-request-id');
      }
      headers.set('vary', 'Origin');
    });
  app.get('/r', (c) => c.json({ ok: true }, 200, { 'x-request-id': 'r-1' }));
  return app;
}
