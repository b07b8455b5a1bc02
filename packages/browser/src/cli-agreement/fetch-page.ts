// Pages that run one fetch() and log how it ended (`CORSA-DONE allowed` or
// `CORSA-DONE <the error>`), for Engine.consoleOf. The page server listens on 127.0.0.1 and
// is reached as http://localhost:P (the origin the servers list) or http://127.0.0.1:P
// (an origin none of them lists). A page goes on to the URL its `#corsa-next=` fragment
// names once done (WebKit's long-lived MiniBrowser returns to its driver page that way).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GO_TO_NEXT_PAGE } from '../engines/page-script.js';

export interface PageFetch {
  readonly url: string;
  readonly init: RequestInit;
}

export interface FetchPages {
  /** `http://localhost:P`. */
  readonly listedOrigin: string;
  /** `http://127.0.0.1:P`. */
  readonly otherOrigin: string;
  /** The page, on `origin`, that runs `fetch(url, init)`. */
  pageUrl(origin: string, fetch: PageFetch): string;
  stop(): Promise<void>;
}

export async function startFetchPages(): Promise<FetchPages> {
  const server = createServer((req, res) => {
    const spec = new URL(req.url ?? '/', 'http://page').searchParams.get('fetch');
    if (spec === null) return void res.writeHead(404).end();
    const { url, init } = JSON.parse(spec) as PageFetch;
    const script = `fetch(${JSON.stringify(url)}, ${JSON.stringify(init)}).then(() => console.log('CORSA-DONE allowed'), (error) => console.log('CORSA-DONE ' + error)).then(() => ${GO_TO_NEXT_PAGE});`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>fetch</title><script>${script}</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    listedOrigin: `http://localhost:${port}`,
    otherOrigin: `http://127.0.0.1:${port}`,
    pageUrl: (origin, fetch) => `${origin}/run?fetch=${encodeURIComponent(JSON.stringify(fetch))}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
