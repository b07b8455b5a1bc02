// Web servers from Debian that take their port from a configuration file (nginx, Apache,
// Caddy): each runs in a directory of its own under the system's temp dir, in the
// foreground, and is ready once it answers on the port it was given.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from './adapter-vectors.js';

/** A fresh directory for one server's configuration, logs and state. */
export const daemonDir = (name: string): string => mkdtempSync(join(tmpdir(), `corsa-${name}-`));

export interface Daemon {
  readonly command: string;
  readonly args: readonly string[];
  /** Its directory: removed when it stops. */
  readonly dir: string;
  readonly port: number;
  /** The signal that stops it gracefully (nginx: SIGQUIT; Apache: SIGWINCH would wait for keep-alives, so SIGTERM). */
  readonly stopSignal: NodeJS.Signals;
  readonly env?: Record<string, string>;
}

/** Starts `daemon` and resolves once it answers HTTP on its port; rejects with its stderr when it does not within 10 s. */
export async function startDaemon(daemon: Daemon): Promise<RunningServer> {
  const child: ChildProcess = spawn(daemon.command, [...daemon.args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...daemon.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill(daemon.stopSignal);
      });
    }
    rmSync(daemon.dir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${daemon.port}`;
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (child.exitCode !== null) break;
    try {
      await fetch(baseUrl, { method: 'HEAD' });
      return { baseUrl, pid: child.pid, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await stop();
  throw new Error(`${daemon.command} did not start: ${stderr}`);
}
