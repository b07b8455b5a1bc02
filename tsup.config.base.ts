// The build every published package shares: ESM + CJS + declarations, for ES2022 runtimes.
import type { Options } from 'tsup';

export const packageBuild: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: false,
  treeshake: true,
  // Deno reads the declarations of a plain `.js` import from this directive.
  banner: ({ format }) => (format === 'esm' ? { js: '/* @ts-self-types="./index.d.ts" */' } : {}),
};
