// A newcomer's first hour: a fresh copy of the repository (the files git would clone, no
// node_modules, no dist), `npm install`, then the commands README.md and the examples'
// READMEs give, each run by `sh -c` exactly as the docs write it (the test only adds
// PORT, or `-- --port N` where a tool takes no PORT, so that servers use ports the test
// picks), and each server asked what the docs promise. Every command below must appear
// verbatim in the docs: change one and this test says which. Not run here: `npm test`
// (this is it), `npm run bench` (15 minutes; BENCHMARKS.md), and the release commands.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExample, ensureFastApi, expectTryItAllowed, freePort, type RunningServer, runToCompletion, startServerProcess } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'corsa-fresh-clone-'));
const home = mkdtempSync(join(tmpdir(), 'corsa-newcomer-home-'));
const DOCS = ['README.md', 'examples/gateway/README.md', 'packages/cli/README.md', 'BENCHMARKS.md']
  .map((file) => readFileSync(join(repo, file), 'utf8'))
  .join('\n');

/** A command the docs give, run in the fresh copy. */
function documented(command: string): string {
  expect(DOCS, `the docs no longer say \`${command}\``).toContain(command);
  return command;
}

const sh = (command: string, env: Record<string, string> = {}) => runToCompletion('sh', ['-c', command], { cwd: copy, env });
const serve = (command: string, env: Record<string, string> = {}) => startServerProcess('sh', ['-c', command], { cwd: copy, env, timeoutMs: 120_000 });

const running: RunningServer[] = [];
async function started(command: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await serve(command, env);
  running.push(server);
  return server;
}

/**
 * `started` for a command that is given its port: a port found free can be taken before
 * the server binds it (wrangler picks ports for its own sockets meanwhile), so a server
 * that says its port is in use is started again on another one, up to three times.
 */
async function startedOnAFreePort(command: (port: number) => string, env: Record<string, string> = {}): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await started(command(await freePort()), env);
    } catch (error) {
      if (attempt === 3 || !/already in use|EADDRINUSE/i.test(String(error))) throw error;
    }
  }
}

beforeAll(() => {
  // What `git clone` gives: tracked files and new ones git does not ignore (so the test sees uncommitted work too).
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repo, file), join(copy, file), { preserveTimestamps: true });
  }
  expect(readdirSync(copy)).not.toContain('node_modules');
  const install = execFileSync('sh', ['-c', `${documented('npm install')} --no-audit --no-fund --prefer-offline 2>&1`], {
    cwd: copy,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(install).not.toMatch(/npm error/);
}, 600_000);

afterAll(async () => {
  for (const server of running) await server.stop();
  rmSync(copy, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('after npm install alone', () => {
  it('npm start: the lab serves its page and its API answers with Corsa', async () => {
    const port = await freePort();
    const lab = await started(documented('npm start'), { PORT: String(port) });
    const page = await fetch(`http://127.0.0.1:${port + 1}/`);
    expect(await page.text()).toContain('Corsa CORS lab');
    const refused = await fetch(`${lab.baseUrl}/strict/data`, { headers: { origin: 'https://evil.example' } });
    expect(refused.headers.get('corsa-refusal')).toContain("origin 'https://evil.example' is not allowed");
  }, 180_000);

  // The three that build before they serve are built only here (their examples/*/start.test.ts
  // test what stops them before the build), so they also get CORS_* variables, as a deployment sets them.
  const BUILT = ['next', 'sveltekit', 'astro'];
  const DEPLOYED = { CORS_ORIGINS: 'https://app.example.com,http://localhost:*', CORS_CREDENTIALS: 'true' };
  it.each(['hono-node', 'express', 'next', 'sveltekit', 'astro', 'bun', 'elysia', 'deno'])(
    'npm start -w examples/%s: a preflight and a GET from a local page, with credentials; its banner’s corsa check line ends allowed',
    async (name) => {
      const server = await started(documented(`npm start -w examples/${name}`), { PORT: '0', ...(BUILT.includes(name) ? DEPLOYED : {}) });
      await checkExample(server.baseUrl, '/api/hello', 'http://localhost:5173', true);
      if (BUILT.includes(name)) await checkExample(server.baseUrl, '/api/hello', 'https://app.example.com', true);
      await expectTryItAllowed(server.baseUrl);
    },
    180_000,
  );

  it('npm start -w examples/worker: wrangler dev, the same answers', async () => {
    const server = await startedOnAFreePort((port) => `${documented('npm start -w examples/worker')} -- --port ${port}`, { WRANGLER_SEND_METRICS: 'false' });
    await checkExample(server.baseUrl, '/api/hello', 'http://localhost:5173', true);
  }, 180_000);

  it('examples/vite-react: the dev server proxies /api to the API; the build calls it cross-origin, which the API allows', async () => {
    const api = await started(documented('npm start -w examples/hono-node'), { PORT: '0' });
    const vite = await startedOnAFreePort((port) => `${documented('npm run dev -w examples/vite-react')} -- --host 127.0.0.1 --port ${port} --strictPort`, {
      API_URL: api.baseUrl,
    });
    expect(await (await fetch(`${vite.baseUrl}/api/hello`)).json()).toMatchObject({ hello: 'from Hono on Node' });

    const build = await sh(documented('VITE_API_ORIGIN=http://127.0.0.1:3000 npm run build -w examples/vite-react'));
    expect(build.code, build.output).toBe(0);
    const assets = join(copy, 'examples/vite-react/dist/assets');
    const bundle = readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(assets, file), 'utf8'))
      .join('');
    expect(bundle).toContain('http://127.0.0.1:3000');
    const preview = await startedOnAFreePort(
      (port) => `${documented('npm run preview -w examples/vite-react')} -- --host 127.0.0.1 --port ${port} --strictPort`,
    );
    expect(await (await fetch(`${preview.baseUrl}/`)).text()).toContain('<div id="root">');
    // The preview's origin as the README gives it, asking the API with credentials (what the built app does).
    await checkExample(api.baseUrl, '/api/hello', 'http://localhost:4173', true);
  }, 240_000);

  it('npx corsa: the command line, linked by npm install', async () => {
    const api = await started(documented('npm start -w examples/hono-node'), { PORT: '0' });
    const version = await sh('npx --no-install corsa --version');
    expect(version.output).toMatch(/^\d+\.\d+\.\d+\n$/m);
    const audit = await sh(
      documented('npx corsa audit http://localhost:8000/api/items --origin http://localhost:5173').replace('http://localhost:8000', api.baseUrl),
    );
    expect(audit.code, audit.output).toBe(0); // the example's local-development policy: nothing to report
    expect(audit.output).toContain('No finding');
    const check = await sh(
      documented(
        `npx corsa check http://127.0.0.1:3000/api/items/1 --origin http://localhost:5173 --method PUT --header 'Content-Type: application/json'`,
      ).replace('http://127.0.0.1:3000', api.baseUrl),
    );
    expect(check.code, check.output).toBe(0);
    expect(check.output).toContain('✓ Allowed by Chromium, Firefox and WebKit');
  }, 180_000);

  it('Install: the tarballs the README packs install into another project', async () => {
    mkdirSync(join(home, 'my-app'));
    writeFileSync(join(home, 'my-app/package.json'), JSON.stringify({ name: 'my-app', private: true, type: 'module' }));
    const env = {
      HOME: home,
      npm_config_cache: execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(),
      npm_config_prefer_offline: 'true',
    };
    const pack = await sh(documented('mkdir -p ~/corsa-tarballs && npm pack -w @corsa/core -w @corsa/hono --pack-destination ~/corsa-tarballs'), env);
    expect(pack.code, pack.output).toBe(0);
    const install = await sh(documented('cd ~/my-app && npm install ~/corsa-tarballs/corsa-core-0.1.0.tgz ~/corsa-tarballs/corsa-hono-0.1.0.tgz'), env);
    expect(install.code, install.output).toBe(0);
    const imported = execFileSync('node', ['--input-type=module', '-e', "import { cors } from '@corsa/hono'; console.log(typeof cors);"], {
      cwd: join(home, 'my-app'),
      encoding: 'utf8',
    });
    expect(imported.trim()).toBe('function');
  }, 180_000);

  it("npm install leaves the lock file as committed (a fresh clone's git status stays clean)", () => {
    expect(readFileSync(join(copy, 'package-lock.json'), 'utf8')).toBe(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
  });

  it('npm run test:quick (its build, lint and projects, one test file of them: npm test runs the rest)', async () => {
    const quick = await sh(`${documented('npm run test:quick')} -- syntax.test`);
    expect(quick.code, quick.output.slice(-3000)).toBe(0);
    expect(quick.output).toMatch(/Tests\s+\d+ passed/);
  }, 300_000);

  it('npm run lint', async () => {
    const lint = await sh(documented('npm run lint'));
    expect(lint.code, lint.output).toBe(0);
  }, 120_000);

  it('npm run soak, shortened: no error, no wrong answer', async () => {
    const soak = await sh(`${documented('npm run soak')} -- --seconds 2 --connections 4 --warmup 1`);
    expect(soak.code, soak.output).toBe(0);
    expect(soak.output.match(/"errors":0,"timeouts":0,"wrongAnswers":0/g)).toHaveLength(2);
  }, 240_000);

  it('examples/gateway: the upstream reflects a stranger; through the gateway (Bun and Worker) only the listed app is allowed', async () => {
    ensureFastApi();
    const upstream = await started(documented('npm run upstream -w examples/gateway'), { UPSTREAM_PORT: String(await freePort()) });
    const evil = { origin: 'https://evil.example', cookie: 'session=x' };
    expect((await fetch(`${upstream.baseUrl}/api/me`, { headers: evil })).headers.get('access-control-allow-origin')).toBe('https://evil.example');
    const bun = await started(documented('npm run bun -w examples/gateway'), { PORT: '0', UPSTREAM: upstream.baseUrl });
    const worker = await startedOnAFreePort(
      (port) => `${documented('npm run worker -w examples/gateway')} -- --port ${port} --var UPSTREAM:${upstream.baseUrl}`,
      {
        WRANGLER_SEND_METRICS: 'false',
      },
    );
    for (const gateway of [bun, worker]) {
      expect((await fetch(`${gateway.baseUrl}/api/me`, { headers: evil })).headers.get('access-control-allow-origin')).toBeNull();
      const app = await fetch(`${gateway.baseUrl}/api/me`, { headers: { origin: 'http://localhost:5173' } });
      expect(app.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    }
  }, 240_000);
});
