import { corsaVite } from '@corsa/sveltekit/vite';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// corsaVite(): under `vite dev`, Vite's own CORS would allow every localhost origin
// before the handle runs; off, the handle's answer is the only one, as in production.
export default defineConfig({ plugins: [sveltekit(), corsaVite()] });
