// The test app: a real Next.js project, built once per run (next-app.ts) and served by
// `next dev` and `next start`. Its routes import the repository's test support by path.
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../../../', import.meta.url));

export default {
  // The routes import files outside this directory (the testkit, the built packages).
  turbopack: { root: repository },
  outputFileTracingRoot: repository,
  // No telemetry, no image optimisation, nothing but the routes.
  images: { unoptimized: true },
};
