// The server-level app, three ways: the same Hono app without CORS, with @corsa/hono,
// with hono/cors. Loaded by Node (serve-node.ts) and Bun (serve-bun.ts).
import { cors as corsaHono } from '@corsa/hono';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { corsaPolicy, honoCorsOptions } from './library-options.js';

export const VARIANTS = ['no CORS', 'no-op middleware', '@corsa/hono', 'hono/cors'] as const;
export type Variant = (typeof VARIANTS)[number];

export function serverApp(variant: Variant): Hono {
  const app = new Hono();
  if (variant === 'no-op middleware')
    app.use('*', async (_c, next) => {
      await next();
    });
  if (variant === '@corsa/hono') app.use('*', corsaHono(corsaPolicy('small')));
  if (variant === 'hono/cors') app.use('*', honoCors(honoCorsOptions('small')));
  app.get('/r', (c) => c.json({ ok: true }, 200, { 'x-request-id': 'r-1' }));
  return app;
}
