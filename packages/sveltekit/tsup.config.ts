// ESM only, as SvelteKit is: the handle and, apart, the Vite plugin for vite.config.ts.
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base.ts';

export default defineConfig({
  ...packageBuild,
  entry: ['src/index.ts', 'src/vite.ts'],
  format: ['esm'],
  banner: {},
});
