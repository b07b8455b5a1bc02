import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base.ts';

// Two builds, so that the main entry shares no chunk with the Public Suffix List: an app
// that never imports '@corsa/core/public-suffix-list' bundles none of its data. (The two
// meet through a registry on globalThis, see src/public-suffix-registry.ts.)
// Neither cleans: tsup runs the two at once, and a build with `clean` deletes every .d.ts in
// dist/ when its declaration build starts — the other entry's too, when that one finished
// first (a release once shipped without public-suffix-list.d.ts that way). The package's
// build script empties dist/ before tsup starts.
export default defineConfig([
  { ...packageBuild, clean: false },
  {
    ...packageBuild,
    entry: ['src/public-suffix-list.ts'],
    clean: false,
    banner: ({ format }) => (format === 'esm' ? { js: '/* @ts-self-types="./public-suffix-list.d.ts" */' } : {}),
  },
]);
