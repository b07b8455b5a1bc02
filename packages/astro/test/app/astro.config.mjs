// The test app: a real Astro project in server output, served by `astro dev` and, built once
// per run (astro-app.ts), by @astrojs/node's standalone server.
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // Astro's origin check answers 403 to cross-site writes with a form content type or none
  // (a DELETE without a body) before any middleware runs, in a build; an API called from
  // other origins turns it off (see the README). WITH_ASTRO_ORIGIN_CHECK: the build
  // (into dist-origin-check/) that shows it.
  security: { checkOrigin: Boolean(process.env.WITH_ASTRO_ORIGIN_CHECK) },
  outDir: process.env.WITH_ASTRO_ORIGIN_CHECK ? './dist-origin-check' : './dist',
  // Vite's CORS middleware answers every preflight itself under `astro dev` (and allows any
  // localhost origin); off, the middleware's answer is the only one, as in production.
  // WITHOUT_VITE_CORS_OFF: the test that shows what it does.
  vite: process.env.WITHOUT_VITE_CORS_OFF ? {} : { server: { cors: false } },
});
