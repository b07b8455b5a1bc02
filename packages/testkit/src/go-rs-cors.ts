// A Go API with rs/cors, built with Debian's Go (golang-go) and Debian's rs/cors 1.7
// (golang-github-rs-cors-dev, in GOPATH /usr/share/gocode: no module download), started
// on a port it picks on 127.0.0.1. Each distinct set-up is built once per machine (a
// binary named by the hash of its source, in the system's temp dir).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './adapter-vectors.js';
import { ensureDebianPackages } from './debian.js';
import { startServerProcess } from './runtimes.js';

const GO = '/usr/bin/go';
const GOPATH = '/usr/share/gocode';
const RS_CORS = `${GOPATH}/src/github.com/rs/cors/cors.go`;

/** Installs golang-go and golang-github-rs-cors-dev unless they are there. */
export function ensureGoRsCors(): void {
  ensureDebianPackages('Go and rs/cors', () => existsSync(GO) && existsSync(RS_CORS), ['golang-go', 'golang-github-rs-cors-dev']);
}

const TEMPLATE = fileURLToPath(new URL('../servers/go_rs_cors/main.go', import.meta.url));

/** rs/cors as people set it up for a page with cookies: the origin listed, credentials, the default methods (GET, POST, HEAD) and headers. */
export const RS_CORS_LISTED = `import "github.com/rs/cors"

c := cors.New(cors.Options{
    AllowedOrigins:   []string{pageOrigin},
    AllowCredentials: true,
})
handler := c.Handler(mux)`;

/**
 * Starts the API with `setup`: Go that makes `handler` from `mux`, as `corsa check`
 * prints it — an `import` line first (it goes to the file's imports, as a user moves it),
 * then the statements. `pageOrigin` is a variable the set-up may use.
 */
export async function startGoRsCors(setup: string, pageOrigin: string): Promise<RunningServer> {
  ensureGoRsCors();
  const lines = setup.split('\n');
  const imports = lines.filter((line) => line.startsWith('import '));
  const statements = lines.filter((line) => !line.startsWith('import ') && line.trim() !== '');
  const source = readFileSync(TEMPLATE, 'utf8').replace('// CORS IMPORT', imports.join('\n')).replace('// CORS SETUP', statements.join('\n\t'));
  const binary = join(tmpdir(), `corsa-go-rs-cors-${createHash('sha256').update(source).digest('hex').slice(0, 16)}`);
  if (!existsSync(binary)) {
    // Test files build in parallel: each in a directory of its own, then an atomic rename.
    const dir = mkdtempSync(`${binary}-`);
    writeFileSync(join(dir, 'main.go'), source);
    execFileSync(GO, ['build', '-o', join(dir, 'server'), 'main.go'], {
      cwd: dir,
      env: { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '', GOCACHE: join(tmpdir(), 'corsa-go-cache') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    renameSync(join(dir, 'server'), binary);
    rmSync(dir, { recursive: true, force: true });
  }
  return startServerProcess(binary, [], { env: { PAGE_ORIGIN: pageOrigin }, timeoutMs: 10_000 });
}
