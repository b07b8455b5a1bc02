// The server-level app as a Worker, for the Workers row of `npm run bench`: the same
// JSON answer, with or without @corsa/workers (WITH_CORS var).
import { withCors } from '../../workers/src/index.js';
import { corsaPolicy } from '../src/library-options.js';

interface Env {
  WITH_CORS?: string;
}

const app = {
  async fetch(): Promise<Response> {
    return Response.json({ ok: true }, { headers: { 'x-request-id': 'r-1' } });
  },
};
const wrapped = withCors(corsaPolicy('small'), app);

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return env.WITH_CORS === '1' ? wrapped.fetch(request, env, undefined) : app.fetch();
  },
};
