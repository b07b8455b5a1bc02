// @corsa/next's corsProxy as Next.js 16's proxy (the former middleware), for /p/ only.
import { corsProxy } from '@corsa/next';
import { NextResponse } from 'next/server';
import { REFERENCE_POLICY } from '../../../testkit/src/reference-app.ts';

export const proxy = corsProxy(REFERENCE_POLICY, () => NextResponse.next());
export const config = { matcher: '/p/:path*' };
