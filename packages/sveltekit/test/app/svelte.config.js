// The test app: a real SvelteKit project, served by `vite dev` and, built once per run
// (sveltekit-app.ts), by @sveltejs/adapter-node's server.
import adapter from '@sveltejs/adapter-node';

export default {
  kit: {
    adapter: adapter(),
    // SvelteKit refuses cross-site form-type POSTs (text/plain, form encodings) before any
    // hook runs unless their origin is listed here. The tests' page origins change with
    // every run, so the app trusts all and Corsa decides; an app lists its origins (see
    // the README).
    csrf: { trustedOrigins: ['*'] },
  },
};
