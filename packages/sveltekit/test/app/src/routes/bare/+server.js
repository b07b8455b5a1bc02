// A route without Corsa and without an OPTIONS export, to show what SvelteKit does to a preflight by itself.
export const GET = () => Response.json({ ok: true });
