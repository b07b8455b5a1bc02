// Serves one variant of one stack's server-level app on Node, on a port Node picks:
//   tsx serve-node.ts <variant>                (Hono on @hono/node-server)
//   tsx serve-node.ts <variant> express|fastify
import { serve } from '@hono/node-server';
import { serverApp, type Variant } from './server-apps.js';
import { startExpressApp, startFastifyApp } from './server-apps-node.js';

const [variant, stack = 'hono'] = process.argv.slice(2) as [Variant, string?];
const listening = (port: number) => console.log(`LISTENING ${port}`);
if (stack === 'express') startExpressApp(variant, listening);
else if (stack === 'fastify') await startFastifyApp(variant, listening);
else serve({ fetch: serverApp(variant).fetch, port: 0, hostname: '127.0.0.1' }, (info) => listening(info.port));
