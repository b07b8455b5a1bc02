// Fastify and Koa APIs (from the workspace's node_modules), each a node process of its own
// whose CORS set-up is the JavaScript a test gives: the usual set-ups, or the fix `corsa
// check` prints, applied as printed (imports included: the module is that text plus the
// routes). Routes: GET and PUT /api/items; anything else is the framework's own 404.
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './adapter-vectors.js';
import { startServerProcess } from './runtimes.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const APPS = {
  fastify: (setup: string) => `import Fastify from 'fastify';
const app = Fastify();
${setup}
app.get('/api/items', async () => ({ items: [] }));
app.put('/api/items', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log('LISTENING ' + app.server.address().port);`,
  koa: (setup: string) => `import Koa from 'koa';
const app = new Koa();
${setup}
app.use((ctx) => {
  if (ctx.path === '/api/items' && (ctx.method === 'GET' || ctx.method === 'PUT')) ctx.body = { items: [] };
});
const server = app.listen(0, '127.0.0.1', () => console.log('LISTENING ' + server.address().port));`,
};

/** Starts a `framework` app whose CORS set-up is `setup` (JavaScript, `app` in scope; empty: no CORS). */
export function startNodeApp(framework: keyof typeof APPS, setup: string): Promise<RunningServer> {
  return startServerProcess(process.execPath, ['--input-type=module', '-e', APPS[framework](setup)], { cwd: ROOT, timeoutMs: 20_000 });
}
