import { corsaVite } from '@corsa/sveltekit/vite';
import { sveltekit } from '@sveltejs/kit/vite';

// WITHOUT_CORSA_VITE: the test that shows what Vite's own CORS does under `vite dev`.
export default {
  plugins: [sveltekit(), ...(process.env.WITHOUT_CORSA_VITE ? [] : [corsaVite()])],
};
