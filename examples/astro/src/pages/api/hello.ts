export const GET = () => Response.json({ hello: 'from Astro', time: new Date().toISOString() });
