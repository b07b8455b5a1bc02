// Under `vite dev` and `vite preview`, Vite's CORS middleware (the `cors` package) runs
// before SvelteKit. Vite's default answers origins on localhost, and SvelteKit 2 sets
// `server.cors` and `preview.cors` to `{ preflightContinue: true }` over the user's own
// setting (sveltejs/kit #12574): for a page on http://localhost:5173 Vite then writes
// `Access-Control-Allow-Origin` (the origin reflected) and `Access-Control-Allow-Methods`
// onto the response before Corsa's handle runs, and SvelteKit's response only adds to
// them — an origin Corsa refuses would still get Vite's allow in development, and a
// credentialed request would fail there while it works in production. This plugin turns
// Vite's CORS off in both servers, so that the handle's answer is the only one.
import type { Plugin } from 'vite';

/**
 * A Vite plugin for vite.config.ts, next to `sveltekit()`:
 *
 * ```ts
 * import { sveltekit } from '@sveltejs/kit/vite';
 * import { corsaVite } from '@corsa/sveltekit/vite';
 * export default defineConfig({ plugins: [sveltekit(), corsaVite()] });
 * ```
 *
 * Sets `server.cors` and `preview.cors` to `false` after every other plugin's config, so
 * that under `vite dev` and `vite preview` no response carries an `Access-Control-*`
 * header Vite wrote: each is the `cors()` handle's answer, as in the production build.
 * It produces no header of its own and changes nothing in `vite build`'s output.
 */
export function corsaVite(): Plugin {
  return {
    name: 'corsa:vite-cors-off',
    // After SvelteKit's plugin, which sets both to { preflightContinue: true }.
    enforce: 'post',
    config: () => ({ server: { cors: false }, preview: { cors: false } }),
  };
}
