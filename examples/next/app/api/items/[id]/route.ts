import { withCors } from '@corsa/next';
import type { NextRequest } from 'next/server';
import { jsonBody } from '../../../../../shared/body.ts';
import { cors } from '../../../../cors.ts';

export const { PUT, OPTIONS } = withCors(cors, {
  PUT: async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    return Response.json({ id, saved: await jsonBody(request) });
  },
});
