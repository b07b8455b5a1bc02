// Serves one variant of the server-level app on Node (@hono/node-server), on a port Node picks.
import { serve } from '@hono/node-server';
import { serverApp, type Variant } from './server-apps.js';

const app = serverApp(process.argv[2] as Variant);
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`LISTENING ${info.port}`));
