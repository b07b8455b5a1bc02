// An endpoint without Corsa and without an OPTIONS export, to show what Astro does to a preflight by itself.
export const GET = () => Response.json({ ok: true });
