// A route without Corsa, to show what Next.js does to a preflight by itself.
export const dynamic = 'force-dynamic';
export const GET = () => Response.json({ ok: true });
