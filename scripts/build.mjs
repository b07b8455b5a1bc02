// npm run build: each published package built with its own `build` script (tsup), in
// dependency order, two at a time — and skipped when nothing it is built from changed
// since its last build here. `npm install` builds everything (prepare), and `npm test`,
// `npm start`, `npm run test:quick` and `npm run soak` each start with `npm run build`:
// without the skip, a fresh clone built the same packages four times.
//
// What a package is built from: its src/, package.json, tsup.config.ts and tsconfig.json,
// the repository's shared tsup.config.base.ts and tsconfig.json, and the builds of the
// @corsa packages it depends on. Stamps live in node_modules/.cache (never in dist/, which
// is published). `npm run build -- --force` rebuilds everything.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamps = join(root, 'node_modules/.cache/corsa-build');
const force = process.argv.includes('--force');

/** Build tiers: each needs only the tiers before it (fastify builds on node's declarations). */
const TIERS = [['core'], ['hono', 'workers', 'deno', 'bun', 'node', 'next', 'sveltekit', 'elysia', 'astro', 'cli'], ['fastify']];
const PARALLEL = 2;

// A package with a build script that no tier names would be published unbuilt.
const unlisted = readdirSync(join(root, 'packages')).filter((name) => {
  const manifest = join(root, 'packages', name, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.build && !TIERS.flat().includes(name);
});
if (unlisted.length > 0) throw new Error(`scripts/build.mjs: add ${unlisted.join(', ')} to a tier of TIERS`);

const files = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? files(path) : [path];
        })
    : [];

const built = new Map();
const rebuilt = [];

function inputsHash(name) {
  const dir = join(root, 'packages', name);
  const hash = createHash('sha256');
  const own = [...files(join(dir, 'src')), ...['package.json', 'tsup.config.ts', 'tsconfig.json'].map((file) => join(dir, file))];
  for (const file of [...own, join(root, 'tsup.config.base.ts'), join(root, 'tsconfig.json')]) {
    if (existsSync(file)) hash.update(file).update(readFileSync(file));
  }
  const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dependency of Object.keys(dependencies)
    .filter((name) => name.startsWith('@corsa/'))
    .sort()) {
    hash.update(dependency).update(built.get(dependency.slice('@corsa/'.length)) ?? '');
  }
  return hash.digest('hex');
}

function run(name) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--silent', '-w', `@corsa/${name}`], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`@corsa/${name}: build failed (exit ${code})`))));
  });
}

/** Every file a package's `exports` names under dist/: a build that left one out fails here, not in a user's install. */
function missingExports(name) {
  const dir = join(root, 'packages', name);
  const { exports = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const paths = [];
  const collect = (value) => {
    if (typeof value === 'string') paths.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(exports);
  return paths.filter((path) => path.startsWith('./dist/') && !existsSync(join(dir, path)));
}

async function build(name) {
  const stamp = join(stamps, `${name}.stamp`);
  const hash = inputsHash(name);
  const fresh = !force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(join(root, 'packages', name, 'dist'));
  if (!fresh) {
    rebuilt.push(name);
    await run(name);
    const missing = missingExports(name);
    if (missing.length > 0) throw new Error(`@corsa/${name}: the build left out ${missing.join(', ')}, which package.json exports`);
    mkdirSync(stamps, { recursive: true });
    writeFileSync(stamp, hash);
  }
  built.set(name, hash);
}

for (const tier of TIERS) {
  const queue = [...tier];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (queue.length > 0) await build(queue.shift());
    }),
  );
}

const upToDate = TIERS.flat().filter((name) => !rebuilt.includes(name));
console.log(
  `@corsa packages: ${rebuilt.length > 0 ? `built ${rebuilt.join(', ')}` : 'nothing to build'}${upToDate.length > 0 ? `; up to date: ${upToDate.join(', ')}` : ''}.`,
);
