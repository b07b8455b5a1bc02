// Servers as people run them, with the CORS set-ups they write, for `corsa check` and
// `corsa audit` to be proven against (the CLI's tests, and the browser suite where
// Chromium, Firefox and WebKit judge the same requests). Every one listens on 127.0.0.1.
// Routes, wherever the stack has them:
//   /api/items     GET and PUT, 200
//   /api/missing   404
//   /api/boom      500 (an exception, or the upstream's error)
//   /api/list      a redirect to /api/list/ (FastAPI's redirect_slashes)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import cors from 'cors';
import express from 'express';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import type { RunningServer } from './adapter-vectors.js';
import { ensureApache, startApache } from './apache.js';
import { ensureCaddy, startCaddy } from './caddy.js';
import { ensureDjango, startDjango } from './django.js';
import { ensureFastApi, startFastApi } from './fastapi.js';
import { ensureFlask, startFlask } from './flask.js';
import { ensureGoRsCors, RS_CORS_LISTED, startGoRsCors } from './go-rs-cors.js';
import { ensureNginx, startNginx } from './nginx.js';
import { startNodeApp } from './node-apps.js';

/**
 * Installs every Debian package these set-ups run (FastAPI, Flask, Django, Go with rs/cors,
 * nginx, Apache, Caddy) that is missing: a project's global setup calls it once, so that no
 * two test files race for apt's lock.
 */
export function ensureCorsServers(): void {
  for (const ensure of [ensureFastApi, ensureFlask, ensureDjango, ensureGoRsCors, ensureNginx, ensureApache, ensureCaddy]) ensure();
}

/** A server set-up by name; `pageOrigin` is the origin its configuration lists, where it lists one. */
export type StartCorsServer = (pageOrigin: string) => Promise<RunningServer>;

const listen = async (server: Server): Promise<RunningServer> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** An API with no CORS at all: what sits behind nginx, Apache and Caddy. OPTIONS is a 405, as most routers answer it. */
export function startPlainApi(): Promise<RunningServer> {
  return listen(
    createServer((req, res) => {
      if (req.url === '/api/items' && req.method === 'OPTIONS') return void res.writeHead(405, { allow: 'GET, PUT' }).end();
      if (req.url === '/api/items') return void res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":1}]');
      if (req.url === '/api/boom') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream failed');
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }),
  );
}

function expressApp(options: cors.CorsOptions | undefined): express.Express {
  const app = express();
  app.use(cors(options));
  app.get('/api/items', (_req, res) => void res.json([{ id: 1 }]));
  app.put('/api/items', (_req, res) => void res.json({ ok: true }));
  app.get('/api/boom', () => {
    throw new Error('boom');
  });
  return app;
}

const startExpress = (options?: cors.CorsOptions) => listen(createServer(expressApp(options)));

function startHono(options: Parameters<typeof honoCors>[0]): Promise<RunningServer> {
  const app = new Hono();
  app.use('/api/*', honoCors(options));
  app.get('/api/items', (c) => c.json([{ id: 1 }]));
  app.put('/api/items', (c) => c.json({ ok: true }));
  // An HTTP/1 server (no TLS, no http2 option): the same listen() as the others.
  return listen(createAdaptorServer({ fetch: app.fetch }) as Server);
}

/** A server started in front of `upstream`, as one server: stopping it stops both. */
async function inFront(upstream: RunningServer, front: Promise<RunningServer>): Promise<RunningServer> {
  const started = await front.catch(async (error: unknown) => {
    await upstream.stop();
    throw error;
  });
  return { baseUrl: started.baseUrl, stop: async () => (await started.stop(), await upstream.stop()) };
}

/** nginx in front of `upstream`, with the CORS lines the seeds write (no `always`). */
function startNginxInFront(upstream: RunningServer, preflight: boolean): Promise<RunningServer> {
  const nginx = startNginx(`
    location /api/ {
      ${
        preflight
          ? `if ($request_method = 'OPTIONS') {
        add_header 'Access-Control-Allow-Origin' '*';
        add_header 'Access-Control-Allow-Methods' 'GET, POST, OPTIONS';
        add_header 'Access-Control-Allow-Headers' 'DNT,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range';
        add_header 'Access-Control-Max-Age' 1728000;
        return 204;
      }`
          : ''
      }
      add_header 'Access-Control-Allow-Origin' '*';
      proxy_pass ${upstream.baseUrl};
    }`);
  return inFront(upstream, nginx);
}

/** `directives` at Apache's server level, in front of an API without CORS (mod_proxy). */
export async function startApacheInFront(directives: string): Promise<RunningServer> {
  const upstream = await startPlainApi();
  return inFront(upstream, startApache(`ProxyPass /api/ ${upstream.baseUrl}/api/\n${directives}`));
}

/** `directives` in Caddy's site block, in front of an API without CORS (reverse_proxy). */
export async function startCaddyInFront(directives: string): Promise<RunningServer> {
  const upstream = await startPlainApi();
  return inFront(upstream, startCaddy(`${directives}\nreverse_proxy ${upstream.baseUrl}`));
}

const FASTAPI_DIR = fileURLToPath(new URL('../servers/', import.meta.url));
const fastapi = (mode: string) => (pageOrigin: string) => startFastApi(FASTAPI_DIR, 'fastapi_cors:app', { CORS_MODE: mode, PAGE_ORIGIN: pageOrigin });

const STARTS = {
  /** FastAPI, allow_origins=[page], allow_credentials=True, allow_methods=["*"], allow_headers=["*"]. */
  'FastAPI, origins listed': fastapi('listed'),
  /** FastAPI, allow_origins=["*"], allow_credentials=True: reflects any origin to a request with cookies. */
  'FastAPI, "*" with credentials': fastapi('wildcard-credentials'),
  /** FastAPI, allow_origins=[page] and nothing else: GET and the safelisted headers only. */
  'FastAPI, origins only': fastapi('defaults'),
  /** Flask with flask-cors: CORS(app, origins=[page], supports_credentials=True) (Werkzeug). */
  'Flask, flask-cors with credentials': (pageOrigin: string) => startFlask('credentials', pageOrigin),
  /** Django with django-cors-headers: CORS_ALLOWED_ORIGINS = [page], CORS_ALLOW_CREDENTIALS = True. */
  'Django, django-cors-headers listed': (pageOrigin: string) => startDjango('listed', pageOrigin),
  /** Django with CORS_ALLOWED_ORIGIN_REGEXES = [r"^http://localhost"] and credentials: re.match, no closing $. */
  'Django, origin regex without $': (pageOrigin: string) => startDjango('regex', pageOrigin),
  /** Fastify with @fastify/cors { origin: [page], credentials: true }: its default methods are GET, HEAD, POST. */
  'Fastify @fastify/cors, origin listed': (pageOrigin: string) =>
    startNodeApp('fastify', `import cors from '@fastify/cors';\nawait app.register(cors, { origin: ['${pageOrigin}'], credentials: true });`),
  /** Koa with @koa/cors({ credentials: true }): without an origin it sends back the request's Origin. */
  'Koa @koa/cors with credentials': () => startNodeApp('koa', `import cors from '@koa/cors';\napp.use(cors({ credentials: true }));`),
  /** Go with rs/cors: AllowedOrigins [page], AllowCredentials; its default methods are GET, POST, HEAD. */
  'Go rs/cors, origin listed': (pageOrigin: string) => startGoRsCors(RS_CORS_LISTED, pageOrigin),
  /** Apache httpd in front of an API without CORS: Header set Access-Control-Allow-Origin "*" (no always, no preflight). */
  'Apache Header set "*"': () => startApacheInFront('Header set Access-Control-Allow-Origin "*"'),
  /** Apache reflecting the origins a SetEnvIf regex matches (a copy-pasted recipe: no ^, dots unescaped, no Vary). */
  'Apache SetEnvIf origin regex': (pageOrigin: string) =>
    startApacheInFront(`SetEnvIf Origin "http(s)?://(www\\.)?(${new URL(pageOrigin).host}|example.com)$" CORS_ORIGIN=$0
Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN
Header always set Access-Control-Allow-Credentials "true" env=CORS_ORIGIN`),
  /** Caddy in front of an API without CORS: header Access-Control-Allow-Origin "*". */
  'Caddy header "*"': () => startCaddyInFront('header Access-Control-Allow-Origin "*"'),
  /** nginx (the enable-cors snippet: '*' on OPTIONS and responses, no `always`) in front of an API without CORS. */
  'nginx add_header, no always': async () => startNginxInFront(await startPlainApi(), true),
  /** nginx adding Access-Control-Allow-Origin in front of Express that already sends it (cors()). */
  'nginx add_header over Express cors()': async () => startNginxInFront(await startExpress(), false),
  /** Express with cors(): Access-Control-Allow-Origin: * everywhere. */
  'Express cors()': () => startExpress(),
  /** Express with cors({ origin: page, credentials: true }). */
  'Express cors, origin listed': (pageOrigin: string) => startExpress({ origin: pageOrigin, credentials: true }),
  /** Express with cors({ origin: true, credentials: true }): reflects every origin. */
  'Express cors, origin: true': () => startExpress({ origin: true, credentials: true }),
  /** Express with an unanchored regex, the classic: cors({ origin: /localhost/, credentials: true }). */
  'Express cors, origin: /localhost/': () => startExpress({ origin: /localhost/, credentials: true }),
  /** Hono with hono/cors({ origin: page, credentials: true }). */
  'hono/cors, origin listed': (pageOrigin: string) => startHono({ origin: pageOrigin, credentials: true }),
  /** Hono with hono/cors(): '*'. */
  'hono/cors()': () => startHono({ origin: '*' }),
} satisfies Record<string, StartCorsServer>;

export type CorsServerName = keyof typeof STARTS;

/** Each set-up by a name the tests and the closing notes use. */
export const CORS_SERVERS: Readonly<Record<CorsServerName, StartCorsServer>> = STARTS;
