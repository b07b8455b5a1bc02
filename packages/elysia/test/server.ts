// Serves the reference app through @corsa/elysia on Bun, on a port Bun picks: every path
// and method to one handler, a function of the context picks the /flaky/ policy, and no
// onError hook (a thrown error is Elysia's own 500).
import { Elysia } from 'elysia';
import { FLAKY_POLICY, isFlaky, REFERENCE_POLICY, referenceHandler } from '../../testkit/src/reference-app.ts';
import { cors } from '../src/index.ts';

const handle = referenceHandler(process.env.UPSTREAM ?? '');
const app = new Elysia()
  .use(cors(({ request }) => (isFlaky(request) ? FLAKY_POLICY : REFERENCE_POLICY)))
  .all('*', ({ request }) => handle(request))
  .listen({ hostname: '127.0.0.1', port: 0 });
console.log(`LISTENING ${app.server?.port}`);
