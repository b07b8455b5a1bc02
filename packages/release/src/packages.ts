// The published packages and where they live.
import { fileURLToPath } from 'node:url';

/** The libraries: what apps import and bundle (size budgets, every runtime's consumer). */
export const LIBRARIES = ['core', 'hono', 'workers', 'deno', 'bun', 'node', 'fastify', 'next', 'sveltekit', 'astro', 'elysia'] as const;
/** Published as ES modules only, as what they serve is: the command line (Node 20+), the SvelteKit, Astro and Elysia adapters. */
export const ESM_ONLY: readonly Published[] = ['cli', 'sveltekit', 'astro', 'elysia'];
/** Everything published: the libraries and the command line. */
export const PUBLISHED = [...LIBRARIES, 'cli'] as const;
export type Published = (typeof PUBLISHED)[number];

export const packageDir = (name: Published) => fileURLToPath(new URL(`../../${name}/`, import.meta.url));
export const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
