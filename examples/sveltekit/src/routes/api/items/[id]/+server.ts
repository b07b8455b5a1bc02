import type { RequestEvent } from '@sveltejs/kit';
import { jsonBody } from '../../../../../../shared/body.ts';

export const PUT = async ({ params, request }: RequestEvent<{ id: string }>) => Response.json({ id: params.id, saved: await jsonBody(request) });
