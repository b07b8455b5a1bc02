// The API's CORS policy, from CORS_* environment variables, as the app's handle: preflights
// answered before routing (no +server.ts here exports OPTIONS), the CORS answer on every
// response. Local development defaults (any localhost port, with cookies, refusals
// explained); real deployments set CORS_ORIGINS (a bad value stops the server with a message
// naming the variable).
import { corsOptionsFromEnv } from '@corsa/core';
import { cors } from '@corsa/sveltekit';
import { LOCAL_DEVELOPMENT } from '../../shared/banner.ts';

export const handle = cors(corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env }));
