export const GET = () => Response.json({ hello: 'from SvelteKit', time: new Date().toISOString() });
