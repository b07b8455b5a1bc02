// The reference app (testkit/src/reference-app.ts) under /r/, for the shared adapter vectors.
// `fallback` takes every method this file does not export, OPTIONS included.
import { referenceHandler } from '../../../../../../../testkit/src/reference-app.ts';
import { underPrefix } from '../../../../../../../testkit/src/under-prefix.ts';

export const fallback = ({ request }) => underPrefix('/r', referenceHandler(process.env.UPSTREAM ?? ''))(request);
