// npm start: the CORS lab. Starts the browser API (@corsa/hono on Node) on PORT (8787)
// and a page on another origin (PORT + 1) that runs the CORS matrix live in your browser
// and shows, for each request, what was sent, whether the browser allowed it, what the
// server answered (headers of the preflight and the actual response) and, for refusals,
// the policy's reason. The API records every exchange for the page to show.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { browserPolicies } from '../../testkit/src/browser-app.js';
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

/** What the page is told at load: where the API is, its own intended origin, and the policies. */
export interface LabConfig {
  api: string;
  page: string;
  policies: Record<string, unknown>;
}

/** Resolves once `server` listens; rejects with the listen error (EADDRINUSE) instead of crashing. */
function listening(server: { once(event: 'error', listener: (error: Error) => void): unknown }, listen: (done: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    listen(resolve);
  });
}

export async function startLab(apiPort: number, pagePort: number, host = '127.0.0.1') {
  const exchanges: Exchange[] = [];
  const config: LabConfig = { api: '', page: '', policies: {} };
  const html = readFileSync(new URL('./lab.html', import.meta.url), 'utf8');
  const pageServer = createServer((_request, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // '<' escaped: the JSON sits inside a <script> element.
    res.end(html.replace('/*LAB-CONFIG*/', `const LAB = ${JSON.stringify(config).replaceAll('<', '\\u003c')};`));
  });
  await listening(pageServer, (done) => pageServer.listen(pagePort, host, done));
  const pageOrigin = `http://${host}:${(pageServer.address() as AddressInfo).port}`;
  const wildPattern = `http://*.localhost:${(pageServer.address() as AddressInfo).port}`;
  const app = honoBrowserApp([pageOrigin], wildPattern);

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

  const server = serve({ fetch: fetchWithLog, port: apiPort, hostname: host });
  try {
    await listening(server, (done) => server.once('listening', done));
  } catch (error) {
    pageServer.close();
    throw error;
  }
  const apiOrigin = `http://${host}:${(server.address() as AddressInfo).port}`;
  Object.assign(config, { api: apiOrigin, page: pageOrigin, policies: browserPolicies([pageOrigin], wildPattern) });
  return {
    pageUrl: `${pageOrigin}/`,
    apiOrigin,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => pageServer.close(() => resolve()));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8787);
  try {
    const lab = await startLab(port, port === 0 ? 0 : port + 1); // PORT=0: both ports picked by the system
    console.log(`Corsa CORS lab: open ${lab.pageUrl} in a browser
  The page runs on that origin and calls the API, listening on ${lab.apiOrigin} (another origin).
  Stop with Ctrl+C. Other ports: PORT=9000 npm start (the page takes PORT + 1).

Or try the API with curl, or ask corsa check what a browser would do:
  curl -i ${lab.apiOrigin}/strict/data -H 'Origin: ${new URL(lab.pageUrl).origin}'
  curl -i -X OPTIONS ${lab.apiOrigin}/strict/items -H 'Origin: https://evil.example' -H 'Access-Control-Request-Method: PUT'   # refused: see Corsa-Refusal
  npx corsa check ${lab.apiOrigin}/strict/items --origin ${new URL(lab.pageUrl).origin} --method PATCH
`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const taken = (error as NodeJS.ErrnoException & { port?: number }).port;
    console.error(`The CORS lab needs two free ports, ${port} and ${port + 1}, but ${taken ?? 'one of them'} is in use (another lab, an example, wrangler dev?).
Stop that server, or pick other ports: PORT=9000 npm start`);
    process.exit(1);
  }
}
