// Serves the pages the browser runs its fetches from: a blank page at `/`, for every
// host name pointing here (127.0.0.1, localhost, app.localhost — three origins).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  port: number;
  stop(): Promise<void>;
}

export async function startPageServer(html = '<!doctype html><meta charset="utf-8"><title>Corsa browser suite</title>'): Promise<PageServer> {
  const server: Server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
