// The reference app (testkit/src/reference-app.ts) under /r/, for the shared adapter vectors.
// `ALL` takes every method, OPTIONS included.
import { referenceHandler } from '../../../../../../testkit/src/reference-app.ts';
import { underPrefix } from '../../../../../../testkit/src/under-prefix.ts';

export const ALL = ({ request }) => underPrefix('/r', referenceHandler(process.env.UPSTREAM ?? ''))(request);
