// Starts a server in another runtime (Deno, Bun, workerd) as a child process and waits
// for it to print `LISTENING <port>` (or `Listening on http://host:<port>/` as `deno
// serve` says, `Ready on http://host:<port>` as wrangler dev says, `Local: http://…` as
// Vite says, `Uvicorn running on http://…` as uvicorn says). The port is the
// runtime's own pick (port 0) wherever it can pick one, so parallel runs never collide.
// `stop()` ends the whole process group.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './adapter-vectors.js';

export interface StartOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** How long the runtime may take to print its port. */
  timeoutMs?: number;
}

export function startServerProcess(command: string, args: string[], options: StartOptions = {}): Promise<RunningServer> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  return new Promise<RunningServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      kill(child);
      reject(new Error(`${command} did not print LISTENING within ${options.timeoutMs ?? 60_000} ms:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes (ESC [ … m).
      output += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
      const match = /LISTENING (\d+)|(?:Listening on|Ready on|Local:?|Uvicorn running on)\s+https?:\/\/[^\s/]*:(\d+)/i.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ baseUrl: `http://127.0.0.1:${match[1] ?? match[2]}`, pid: child.pid, stop: () => stop(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before listening:\n${output}`));
    });
  });
}

function kill(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    kill(child);
  });
}

/** Runs a command to completion (a runtime's own test runner), capturing its output. */
export function runToCompletion(command: string, args: string[], options: StartOptions = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** A TCP port that was free a moment ago, for tools that cannot pick their own (wrangler dev). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const WRANGLER = fileURLToPath(new URL('../../../node_modules/.bin/wrangler', import.meta.url));

/**
 * `wrangler dev` for the Worker whose wrangler.toml is in `cwd`, on 127.0.0.1 and a port
 * picked here (wrangler cannot pick its own), with `vars` added as `--var NAME:value`.
 */
export async function startWranglerDev(cwd: string, vars: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'];
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  return startServerProcess(WRANGLER, args, { cwd, env: { WRANGLER_SEND_METRICS: 'false' }, timeoutMs: 90_000 });
}
