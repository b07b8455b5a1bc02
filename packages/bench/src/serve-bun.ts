// Serves one variant of the server-level app on Bun, on a port Bun picks.
import { serverApp, type Variant } from './server-apps.ts';

const app = serverApp(process.argv[2] as Variant);
const server = Bun.serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
console.log(`LISTENING ${server.port}`);
