import type { APIContext } from 'astro';
import { jsonBody } from '../../../../../shared/body.ts';

export const PUT = async ({ params, request }: APIContext) => Response.json({ id: params.id, saved: await jsonBody(request) });
