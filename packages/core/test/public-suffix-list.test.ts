// The Public Suffix List is an entry of its own: an app pays for it only when it imports
// '@corsa/core/public-suffix-list'. Proven on the built package, in fresh Node processes
// (the registration is process-wide and cannot be undone): without the import every
// credentialed wildcard is refused with an error naming it, with it the list decides;
// and a list-only app bundled with esbuild carries none of the list.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

async function node(script: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return stdout;
}

const TRY = `
const attempt = (options) => { try { createCorsPolicy(options); return 'accepted'; } catch (error) { return error.issues.map((issue) => issue.code).join(','); } };
console.log(JSON.stringify({
  wildcard: attempt({ origins: ['https://*.example.com'], credentials: true }),
  onSuffix: attempt({ origins: ['https://*.github.io'], credentials: true }),
  aboveSuffix: attempt({ origins: ['https://*.amazonaws.com'], credentials: true }),
  withoutCredentials: attempt({ origins: ['https://*.github.io'] }),
  loopback: attempt({ origins: ['http://*.localhost:*'], credentials: true }),
  list: attempt({ origins: ['https://app.example.com'], credentials: true }),
  env: (() => { try { createCorsPolicy(corsOptionsFromEnv({ CORS_ORIGINS: 'https://*.github.io', CORS_CREDENTIALS: 'true' })); return 'accepted'; } catch (error) { return error.issues.map((issue) => issue.code).join(','); } })(),
}));
`;

describe('@corsa/core/public-suffix-list', () => {
  it('without it, a credentialed wildcard is refused (never checked by anything weaker), naming the import', async () => {
    const out = JSON.parse(await node(`import { createCorsPolicy, corsOptionsFromEnv } from ${JSON.stringify(dist('index.js'))};${TRY}`));
    expect(out).toEqual({
      wildcard: 'public-suffix-list-not-loaded',
      onSuffix: 'public-suffix-list-not-loaded',
      aboveSuffix: 'public-suffix-list-not-loaded',
      withoutCredentials: 'accepted',
      loopback: 'accepted',
      list: 'accepted',
      env: 'public-suffix-list-not-loaded',
    });
    const message = await node(
      `import { createCorsPolicy } from ${JSON.stringify(dist('index.js'))}; try { createCorsPolicy({ origins: ['https://*.example.com'], credentials: true }); } catch (error) { console.log(error.message); }`,
    );
    expect(message).toContain("import '@corsa/core/public-suffix-list'");
  });

  it.each([
    ['ESM', 'index.js', 'public-suffix-list.js'],
    ['CJS', 'index.cjs', 'public-suffix-list.cjs'],
    ['ESM core with the CJS list (two copies share one registration)', 'index.js', 'public-suffix-list.cjs'],
  ])('with it (%s), the list decides', async (_, index, list) => {
    const load = (file: string) =>
      file.endsWith('.cjs') ? `createRequire(import.meta.url)(${JSON.stringify(dist(file))})` : `await import(${JSON.stringify(dist(file))})`;
    const out = JSON.parse(
      await node(`import { createRequire } from 'node:module'; ${load(list)}; const { createCorsPolicy, corsOptionsFromEnv } = ${load(index)};${TRY}`),
    );
    expect(out).toEqual({
      wildcard: 'accepted',
      onSuffix: 'public-suffix-wildcard-with-credentials',
      aboveSuffix: 'public-suffix-wildcard-with-credentials',
      withoutCredentials: 'accepted',
      loopback: 'accepted',
      list: 'accepted',
      env: 'public-suffix-wildcard-with-credentials',
    });
  });

  it('a list-only app bundled with esbuild carries none of the list; one that imports it does', async () => {
    const bundle = async (source: string) => {
      const result = await build({
        stdin: { contents: source, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        write: false,
        logLevel: 'silent',
        alias: { '@corsa/core/public-suffix-list': dist('public-suffix-list.js'), '@corsa/core': dist('index.js') },
      });
      const text = result.outputFiles[0]?.text ?? '';
      return { text, gzipped: gzipSync(text, { level: 9 }).length };
    };
    const listOnly = await bundle(
      "import { createCorsPolicy, withCors } from '@corsa/core'; export default withCors(createCorsPolicy({ origins: ['https://app.example.com'], credentials: true }), () => new Response('ok'));",
    );
    const withList = await bundle(
      "import '@corsa/core/public-suffix-list'; import { createCorsPolicy, withCors } from '@corsa/core'; export default withCors(createCorsPolicy({ origins: ['https://*.example.com'], credentials: true }), () => new Response('ok'));",
    );
    // Labels of the list's data: none in a list-only bundle.
    for (const label of ['myshopify', 'blogspot', 'amazonaws']) {
      expect(listOnly.text).not.toContain(label);
      expect(withList.text).toContain(label);
    }
    expect(listOnly.gzipped).toBeLessThan(15_000);
    expect(withList.gzipped).toBeGreaterThan(40_000);
  });
});
