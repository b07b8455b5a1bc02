// The published packages and where they live.
import { fileURLToPath } from 'node:url';

export const PUBLISHED = ['core', 'hono', 'workers', 'deno', 'bun'] as const;
export type Published = (typeof PUBLISHED)[number];

export const packageDir = (name: Published) => fileURLToPath(new URL(`../../${name}/`, import.meta.url));
export const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
