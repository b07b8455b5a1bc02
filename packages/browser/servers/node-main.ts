// Runs the Express or Fastify browser server in a process of its own (as deployed, and so
// that its handler-run counters are its own): tsx servers/node-main.ts express|fastify,
// with PAGE_ORIGINS and WILD_PATTERN from the environment; prints LISTENING <port>.
import { startExpress } from './express.js';
import { startFastify } from './fastify.js';

const start = process.argv[2] === 'fastify' ? startFastify : startExpress;
const server = await start(process.env.PAGE_ORIGINS!.split(','), process.env.WILD_PATTERN!);
console.log(`LISTENING ${new URL(server.baseUrl).port}`);
