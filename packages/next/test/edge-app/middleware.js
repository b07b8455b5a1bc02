// @corsa/next's corsProxy as a middleware.ts before Next.js 16's proxy.ts: on the Edge
// runtime (middleware's default), for /p/ only. (Next.js refuses a project with both files,
// hence an app of its own.)
import { corsProxy } from '@corsa/next';
import { NextResponse } from 'next/server';
import { REFERENCE_POLICY } from '../../../testkit/src/reference-app.ts';

export const middleware = corsProxy(REFERENCE_POLICY, () => NextResponse.next());
export const config = { matcher: '/p/:path*' };
