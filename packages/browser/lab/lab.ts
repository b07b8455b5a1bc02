// npm start: the CORS lab. Starts the browser API (@corsa/hono on Node) on PORT (8787)
// and a page on another origin (PORT + 1) that runs the CORS matrix live in your browser
// and shows, for each request, what was sent, whether the browser allowed it, what the
// server answered (headers of the preflight and the actual response) and, for refusals,
// the policy's reason. The API records every exchange for the page to show.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { honoBrowserApp } from '../servers/hono-node.js';

interface Exchange {
  lab: string | null;
  method: string;
  path: string;
  requestHeaders: Record<string, string>;
  status: number;
  responseHeaders: Record<string, string>;
}

const SHOWN_REQUEST_HEADERS = [
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
  'content-type',
  'x-trace',
  'x-other',
  'authorization',
  'cookie',
];

export async function startLab(apiPort: number, pagePort: number, host = '127.0.0.1') {
  const exchanges: Exchange[] = [];
  const pageServer = createServer((_request, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(new URL('./lab.html', import.meta.url), 'utf8'));
  });
  await new Promise<void>((resolve) => pageServer.listen(pagePort, host, resolve));
  const pageOrigin = `http://${host}:${(pageServer.address() as AddressInfo).port}`;
  const app = honoBrowserApp([pageOrigin], `http://*.localhost:${(pageServer.address() as AddressInfo).port}`);

  const fetchWithLog = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === '/__lab/exchanges') {
      const lab = url.searchParams.get('lab');
      return Response.json(
        exchanges.filter((e) => e.lab === lab),
        { headers: { 'access-control-allow-origin': '*' } },
      );
    }
    const response = await app.fetch(request);
    exchanges.push({
      lab: url.searchParams.get('lab'),
      method: request.method,
      path: url.pathname,
      requestHeaders: Object.fromEntries([...request.headers].filter(([name]) => SHOWN_REQUEST_HEADERS.includes(name))),
      status: response.status,
      responseHeaders: Object.fromEntries(response.headers),
    });
    if (exchanges.length > 2000) exchanges.splice(0, 1000);
    return response;
  };

  const api = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: fetchWithLog, port: apiPort, hostname: host }, () => resolve(s));
  });
  const apiOrigin = `http://${host}:${(api.address() as AddressInfo).port}`;
  return {
    pageUrl: `${pageOrigin}/?api=${encodeURIComponent(apiOrigin)}`,
    apiOrigin,
    stop: async () => {
      await new Promise<void>((resolve) => api.close(() => resolve()));
      await new Promise<void>((resolve) => pageServer.close(() => resolve()));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8787);
  const lab = await startLab(port, port === 0 ? 0 : port + 1); // PORT=0: both ports picked by the system
  console.log(`LISTENING ${new URL(lab.apiOrigin).port}`);
  console.log(`
Corsa CORS lab: open ${lab.pageUrl}
  (the page is served from one origin and calls the API on ${lab.apiOrigin}, another origin)

Or try the API with curl:
  curl -i ${lab.apiOrigin}/strict/data -H 'Origin: ${new URL(lab.pageUrl).origin}'
  curl -i -X OPTIONS ${lab.apiOrigin}/strict/items -H 'Origin: https://evil.example' -H 'Access-Control-Request-Method: PUT'   # refused: see Corsa-Refusal
`);
}
