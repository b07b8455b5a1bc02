import { withCors } from '@corsa/next';
import { cors } from '../../../cors.ts';

// Next.js dispatches only the methods a route exports: export the OPTIONS withCors adds,
// or preflights get Next.js's own 204 without CORS headers.
export const { GET, OPTIONS } = withCors(cors, {
  GET: () => Response.json({ hello: 'from Next.js', time: new Date().toISOString() }),
});
