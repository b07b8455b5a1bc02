// The API's CORS policy, from CORS_* environment variables, shared by every route.ts.
// Local development defaults (any localhost port, with cookies, refusals explained); real
// deployments set CORS_ORIGINS (a bad value stops the build and the server with a message
// naming the variable).
import { corsOptionsFromEnv } from '@corsa/core';
import { LOCAL_DEVELOPMENT } from '../shared/banner.ts';

export const cors = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });
