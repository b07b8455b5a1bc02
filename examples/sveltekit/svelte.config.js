import adapter from '@sveltejs/adapter-node';

// SvelteKit refuses cross-site form-type POSTs (text/plain, form encodings) before any hook
// runs; an API that takes them from other origins lists those origins in
// kit.csrf.trustedOrigins too. This one takes JSON, which the check leaves alone.
export default { kit: { adapter: adapter() } };
