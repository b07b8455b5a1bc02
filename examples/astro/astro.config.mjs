import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  // On-demand routes: a prerendered endpoint is a file, and no middleware runs for it.
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // Astro's origin check would answer 403 to this API's cross-site PUT before the
  // middleware runs; Corsa decides which origins may read the answers.
  security: { checkOrigin: false },
  // Under `astro dev`, Vite's own CORS would answer every preflight before the middleware.
  vite: { server: { cors: false } },
});
