// corsaVite() against Vite's own config merging, with SvelteKit's plugin before it (in vite
// dev itself: test/sveltekit.test.ts, with and without the plugin).
import { sveltekit } from '@sveltejs/kit/vite';
import { resolveConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { corsaVite } from './vite.js';

describe('corsaVite()', () => {
  it("leaves server.cors and preview.cors false after SvelteKit's plugin set them", async () => {
    // SvelteKit's plugin reads svelte.config.js from, and writes .svelte-kit/ to, the working directory.
    const root = new URL('../test/app/', import.meta.url).pathname;
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const config = await resolveConfig({ root, configFile: false, plugins: [await sveltekit(), corsaVite()], logLevel: 'silent' }, 'serve');
      expect(config.server.cors).toBe(false);
      expect(config.preview.cors).toBe(false);
      const without = await resolveConfig({ root, configFile: false, plugins: [await sveltekit()], logLevel: 'silent' }, 'serve');
      expect(without.server.cors).toMatchObject({ preflightContinue: true });
    } finally {
      process.chdir(cwd);
    }
  });
});
