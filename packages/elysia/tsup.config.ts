// ES modules only, as Elysia apps on Bun are.
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base.ts';

export default defineConfig({ ...packageBuild, format: ['esm'], banner: {} });
