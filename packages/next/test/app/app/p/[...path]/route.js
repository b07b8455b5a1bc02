// The reference app under /p/ with no CORS of its own: proxy.js adds it.
import { referenceHandler } from '../../../../../../testkit/src/reference-app.ts';
import { underPrefix } from '../../../../../../testkit/src/under-prefix.ts';

export const dynamic = 'force-dynamic';

const handle = underPrefix('/p', (request) => referenceHandler(process.env.UPSTREAM ?? '')(request));
export const GET = handle;
export const PUT = handle;
