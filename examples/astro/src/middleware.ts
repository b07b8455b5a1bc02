// The API's CORS policy, from CORS_* environment variables, as the app's middleware:
// preflights answered before any endpoint runs (none here exports OPTIONS), the CORS answer
// on every response. Local development defaults (any localhost port, with cookies, refusals
// explained); real deployments set CORS_ORIGINS (a bad value stops the server with a
// message naming the variable).
import { cors } from '@corsa/astro';
import { corsOptionsFromEnv } from '@corsa/core';
import { LOCAL_DEVELOPMENT } from '../../shared/banner.ts';

export const onRequest = cors(corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env }));
