// Runs the command line in-process (main) or as users run it (the built bin), capturing output.
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { main } from '../src/cli.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function corsa(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

/** `corsa --json …`, parsed. */
export async function corsaJson<T = Record<string, unknown>>(...args: string[]): Promise<{ code: number; json: T }> {
  const run = await corsa(...args, '--json');
  return { code: run.code, json: JSON.parse(run.stdout) as T };
}

/** The installed bin (node_modules/.bin/corsa → packages/cli/dist/bin.js), as `npx corsa` runs it. */
export function corsaBin(args: string[]): Promise<Run> {
  const bin = fileURLToPath(new URL('../../../node_modules/.bin/corsa', import.meta.url));
  return new Promise((resolve) => {
    execFile(bin, args, { env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  /** The request body as received (UTF-8), complete once the response is sent. */
  body: string;
}

/** A hand-written server on 127.0.0.1 that records what it receives. */
export async function recordingServer(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const entry: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body: '' };
    seen.push(entry);
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      entry.body += chunk;
    });
    // Answer once the body is in, so that a test reads it complete.
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A server that reads raw bytes and writes raw bytes: it records each request's head (request
 * line and header lines, as received, as Latin-1 text) and answers with `answer(head)`
 * exactly, then closes. For what node:http refuses on either side (a lower-case method, a
 * NUL byte in a response header).
 */
export async function rawServer(answer: (head: string) => string | Buffer) {
  const heads: string[] = [];
  const server = createTcpServer((socket) => {
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = received.subarray(0, end).toString('latin1');
      heads.push(head);
      socket.end(answer(head));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, heads, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * For a test file: `server(handle)` starts a recordingServer, and `alsoStop(stop)` registers
 * any other server; all are stopped after each test.
 */
export function recordingServers() {
  let stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops) await stop();
    stops = [];
  });
  return {
    server: async (handle: (req: IncomingMessage, res: ServerResponse) => void) => {
      const started = await recordingServer(handle);
      stops.push(started.stop);
      return started;
    },
    raw: async (answer: (head: string) => string | Buffer) => {
      const started = await rawServer(answer);
      stops.push(started.stop);
      return started;
    },
    alsoStop: (stop: () => Promise<void>) => void stops.push(stop),
  };
}
