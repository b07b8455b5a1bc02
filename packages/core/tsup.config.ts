import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base.ts';

// Two builds, so that the main entry shares no chunk with the Public Suffix List: an app
// that never imports '@corsa/core/public-suffix-list' bundles none of its data. (The two
// meet through a registry on globalThis, see src/public-suffix-registry.ts.)
export default defineConfig([
  packageBuild,
  {
    ...packageBuild,
    entry: ['src/public-suffix-list.ts'],
    clean: false,
    banner: ({ format }) => (format === 'esm' ? { js: '/* @ts-self-types="./public-suffix-list.d.ts" */' } : {}),
  },
]);
