// What real browsers do with Corsa's answers: Chromium, Firefox and WebKitGTK (each
// from Debian, see engines/) run fetch() from pages on three origins against the browser
// API of every adapter, each in its real runtime (adapters.ts lists them). Pages: http://127.0.0.1:P (listed), http://localhost:P (not listed),
// http://app.localhost:P (matched by the wildcard-subdomain policy).
import type { RunningServer } from '@corsa/testkit';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from './adapters.js';
import { launchChromiumBrowser } from './engines/chromium.js';
import { ENGINE_NAMES, type Engine, type EngineName, type EnginePage, fetchIn, launchEngine } from './engines/index.js';
import { launchEngines } from './engines/suite.js';
import { type PageServer, startPageServer } from './page-server.js';

// The matrix runs in each engine as shipped, and, through the first adapter, in Chromium
// and Firefox once more under the standard's rule for `*` and Authorization (see the
// deviations below). Once is enough there: what the strict rule judges is the
// Access-Control-Allow-Headers answer, which the core writes alike for every adapter (the
// shared vectors prove each adapter sends it unchanged); the as-shipped runs cover each
// adapter's own plumbing.
const STRICT_ENGINES = ['chromium', 'firefox'] as const;
const AS_SHIPPED: string[] = [...ENGINE_NAMES];
const WITH_STRICT: string[] = [...ENGINE_NAMES, ...STRICT_ENGINES.map((name) => `${name}, standard-strict`)];

let engines: Map<EngineName, Engine>;
let strictEngines: Map<string, Engine>;
let pages: PageServer;

beforeAll(async () => {
  let strict: Engine[];
  [engines, strict, pages] = await Promise.all([
    launchEngines(),
    Promise.all(STRICT_ENGINES.map((name) => launchEngine(name, 'standard-strict'))),
    startPageServer(),
  ]);
  strictEngines = new Map(strict.map((engine) => [`${engine.name}, standard-strict`, engine]));
}, 600_000);

afterAll(async () => {
  for (const opened of pagesOf.values()) for (const page of Object.values(await opened)) await page.close();
  for (const engine of [...(engines?.values() ?? []), ...(strictEngines?.values() ?? [])]) await engine.close();
  await pages?.stop();
});

const engineOf = (label: string): Engine => (engines.get(label as EngineName) ?? strictEngines.get(label)) as Engine;

/** The pages on the three origins, one set per engine, shared by every adapter (opened once: a WebKit page is a WebDriver session of its own). */
interface OriginPages {
  readonly listed: EnginePage;
  readonly unlisted: EnginePage;
  readonly subdomain: EnginePage;
}
const pagesOf = new Map<string, Promise<OriginPages>>();
function originPages(engineLabel: string): Promise<OriginPages> {
  let opened = pagesOf.get(engineLabel);
  if (opened === undefined) {
    opened = (async () => {
      const engine = engineOf(engineLabel);
      const [listed, unlisted, subdomain] = await Promise.all([engine.newPage(), engine.newPage(), engine.newPage()]);
      await listed.goto(`http://127.0.0.1:${pages.port}/`);
      await unlisted.goto(`http://localhost:${pages.port}/`);
      await subdomain.goto(`http://app.localhost:${pages.port}/`);
      return { listed, unlisted, subdomain };
    })();
    pagesOf.set(engineLabel, opened);
  }
  return opened;
}

describe.each(ADAPTERS)('%s', (label, start) => {
  let api: RunningServer;
  let nonce = 0;
  const url = (path: string) => `${api.baseUrl}${path}${path.includes('?') ? '&' : '?'}n=${++nonce}`;
  const runs = async (method: string, fullUrl: string) => {
    const { pathname, search } = new URL(fullUrl);
    const response = await fetch(`${api.baseUrl}/__runs?key=${encodeURIComponent(`${method} ${pathname}${search}`)}`);
    return ((await response.json()) as { runs: number }).runs;
  };

  beforeAll(async () => {
    api = await start([`http://127.0.0.1:${pages.port}`], `http://*.localhost:${pages.port}`);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  describe.each(label === ADAPTERS[0]?.[0] ? WITH_STRICT : AS_SHIPPED)('in %s', (engineLabel) => {
    let listed: EnginePage;
    let unlisted: EnginePage;
    let subdomain: EnginePage;

    beforeAll(async () => {
      ({ listed, unlisted, subdomain } = await originPages(engineLabel));
    }, 120_000);

    it('simple GET from a listed origin', async () => {
      const result = await fetchIn(listed, url('/strict/data'));
      expect(result).toMatchObject({ ok: true, status: 200, body: '{"ok":true}' });
    });

    it('credentialed GET: a cookie set by a cross-origin response is sent back on the next request', async () => {
      expect(await fetchIn(listed, url('/strict/login'), { credentials: 'include' })).toMatchObject({ ok: true, body: 'logged in' });
      const whoami = await fetchIn(listed, url('/strict/whoami'), { credentials: 'include' });
      expect(whoami.ok).toBe(true);
      expect(JSON.parse(whoami.body!).cookie).toContain('session=s3cret');
    });

    it('JSON PUT (preflighted)', async () => {
      const result = await fetchIn(listed, url('/strict/items'), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
        credentials: 'include',
      });
      expect(result.ok, result.error).toBe(true);
      expect(JSON.parse(result.body!).method).toBe('PUT');
    });

    it('DELETE with a custom header', async () => {
      const result = await fetchIn(listed, url('/strict/items'), { method: 'DELETE', headers: { 'x-trace': 't-1' } });
      expect(JSON.parse(result.body!)).toMatchObject({ method: 'DELETE', trace: 't-1' });
    });

    it('Authorization, with a listed allowHeaders and with allowHeaders: * (answered "*, authorization")', async () => {
      for (const prefix of ['/strict', '/any']) {
        const result = await fetchIn(listed, url(`${prefix}/items`), { headers: { authorization: 'Bearer token' } });
        expect(result.ok, `${prefix}: ${result.error}`).toBe(true);
        expect(JSON.parse(result.body!).authorization).toBe('Bearer token');
      }
    });

    it('reads an exposed header, and not an unexposed one', async () => {
      const result = await fetchIn(listed, url('/strict/data'), {}, ['x-request-id', 'x-secret']);
      expect(result.headers).toEqual({ 'x-request-id': 'r-42', 'x-secret': null });
    });

    it('refused origin: the script gets a TypeError; a refused preflight never runs the handler', async () => {
      expect((await fetchIn(unlisted, url('/strict/data'))).error).toMatch(/^TypeError/);
      const target = url('/strict/items');
      expect((await fetchIn(unlisted, target, { method: 'PUT', body: 'x' })).error).toMatch(/^TypeError/);
      expect(await runs('PUT', target)).toBe(0);
    });

    it('refused method: TypeError, handler not run', async () => {
      const target = url('/strict/items');
      expect((await fetchIn(listed, target, { method: 'PATCH' })).error).toMatch(/^TypeError/);
      expect(await runs('PATCH', target)).toBe(0);
    });

    it('refused header: TypeError, handler not run', async () => {
      const target = url('/strict/items');
      expect((await fetchIn(listed, target, { headers: { 'x-other': '1' } })).error).toMatch(/^TypeError/);
      expect(await runs('GET', target)).toBe(0);
    });

    it('an OPTIONS request from a script is preflighted, then reaches the handler', async () => {
      const target = url('/strict/items');
      const result = await fetchIn(listed, target, { method: 'OPTIONS' });
      expect(result.ok, result.error).toBe(true);
      expect(JSON.parse(result.body!).method).toBe('OPTIONS');
      expect(await runs('OPTIONS', target)).toBe(1); // the actual OPTIONS only, not the preflight
    });

    it("origins: '*' without credentials: any origin reads the response", async () => {
      for (const page of [listed, unlisted, subdomain]) {
        expect((await fetchIn(page, url('/any/data'), {}, ['x-request-id'])).headers).toEqual({ 'x-request-id': 'r-42' });
      }
    });

    it("origins: '*' with credentials: include: the browser refuses", async () => {
      expect((await fetchIn(listed, url('/any/data'), { credentials: 'include' })).error).toMatch(/^TypeError/);
    });

    it('a wildcard-subdomain policy allows app.localhost and nothing else', async () => {
      expect(await fetchIn(subdomain, url('/wild/data'), { credentials: 'include' })).toMatchObject({ ok: true, status: 200 });
      expect((await fetchIn(listed, url('/wild/data'), { credentials: 'include' })).error).toMatch(/^TypeError/);
      expect((await fetchIn(unlisted, url('/wild/data'))).error).toMatch(/^TypeError/);
    });

    it('debug mode: each refusal reaches onRefusal with its check', async () => {
      await fetch(`${api.baseUrl}/__refusals?clear`);
      for (const [page, target, init] of [
        [unlisted, url('/strict/items'), { method: 'PUT' }],
        [listed, url('/strict/items'), { method: 'PATCH' }],
        [listed, url('/strict/items'), { headers: { 'x-other': '1' } }],
      ] as const) {
        expect((await fetchIn(page, target, init)).error).toMatch(/^TypeError/);
      }
      const logged = (await (await fetch(`${api.baseUrl}/__refusals`)).json()) as { check: string; preflight: boolean }[];
      expect(logged.map((r) => `${r.check}/${r.preflight}`)).toEqual(['origin/true', 'method/true', 'header/true']);
    });
  });

  // What DevTools shows needs DevTools: Chromium's network panel, read through CDP.
  it('debug mode in Chromium: each refusal shows its reason in the network panel (Corsa-Refusal)', async () => {
    const browser = await launchChromiumBrowser();
    try {
      const context = await browser.newContext();
      const [listed, unlisted] = await Promise.all([context.newPage(), context.newPage()]);
      await listed.goto(`http://127.0.0.1:${pages.port}/`);
      await unlisted.goto(`http://localhost:${pages.port}/`);
      const reasons = await preflightReasons(listed, unlisted, [
        [unlisted, url('/strict/items'), { method: 'PUT' }],
        [listed, url('/strict/items'), { method: 'PATCH' }],
        [listed, url('/strict/items'), { headers: { 'x-other': '1' } }],
      ]);
      expect(reasons).toEqual([
        expect.stringContaining(`origin 'http://localhost:${pages.port}' is not allowed; allowed origins: http://127.0.0.1:${pages.port}`),
        expect.stringContaining("method 'PATCH' is not allowed; allowed methods: GET, HEAD, POST, PUT, DELETE, OPTIONS"),
        expect.stringContaining("request header 'x-other' is not allowed; allowed headers: content-type, x-trace, authorization"),
      ]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

/** Triggers each fetch and returns the Corsa-Refusal header of its preflight, as DevTools sees it. */
async function preflightReasons(a: Page, b: Page, calls: [Page, string, RequestInit][]): Promise<(string | undefined)[]> {
  const sessions = new Map<Page, CDPSession>();
  const reasons: (string | undefined)[] = [];
  for (const page of [a, b]) {
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    sessions.set(page, session);
  }
  for (const [page, target, init] of calls) {
    const session = sessions.get(page)!;
    const seen = new Promise<string | undefined>((resolve) => {
      const onExtra = (event: { headers: Record<string, string>; statusCode: number }) => {
        const reason = Object.entries(event.headers).find(([name]) => name.toLowerCase() === 'corsa-refusal')?.[1];
        if (event.statusCode === 403) {
          session.off('Network.responseReceivedExtraInfo', onExtra);
          resolve(reason);
        }
      };
      session.on('Network.responseReceivedExtraInfo', onExtra);
    });
    await page.evaluate(async ([u, i]) => fetch(u, i).catch(() => undefined), [target, init as Record<string, unknown>] as const);
    reasons.push(await seen);
  }
  for (const session of sessions.values()) await session.detach();
  return reasons;
}

// Where the engines deviate from the Fetch standard, pinned: if an engine update changes
// one of these, a test fails and tells us. A hand-written server (not Corsa) answers
// `Access-Control-Allow-Headers: *` alone. The standard says `*` never covers
// Authorization; all three engines let it, as shipped. Chromium (with
// --enable-features=CorsNonWildcardRequestHeadersSupport) and Firefox (with
// network.cors_preflight.authorization_covered_by_wildcard=false) can follow the
// standard; WebKitGTK has no such switch. Corsa answers `*, authorization`, which passes
// in every mode (the matrix's standard-strict runs prove it).
describe('what the engines do where they deviate from the standard', () => {
  let server: import('node:http').Server;
  let starOnly: string;
  beforeAll(async () => {
    const { createServer } = await import('node:http');
    server = createServer((req, res) => {
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': '*',
        'access-control-allow-headers': '*',
      });
      res.end(req.method === 'OPTIONS' ? undefined : 'reached');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    starOnly = `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(ENGINE_NAMES)('%s, as shipped, lets Access-Control-Allow-Headers: * cover Authorization, unlike the standard', async (engineName) => {
    const page = await (engines.get(engineName) as Engine).newPage();
    try {
      await page.goto(`http://127.0.0.1:${pages.port}/`);
      const withCustom = await fetchIn(page, starOnly, { headers: { 'x-custom': '1' } });
      expect(withCustom.ok, withCustom.error).toBe(true); // `*` covers ordinary headers
      const withAuthorization = await fetchIn(page, starOnly, { headers: { authorization: 'Bearer t' } });
      expect(withAuthorization.ok, withAuthorization.error).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.each(STRICT_ENGINES)(
    '%s, standard-strict, follows the standard: Access-Control-Allow-Headers: * alone does not cover Authorization',
    async (engineName) => {
      const page = await engineOf(`${engineName}, standard-strict`).newPage();
      try {
        await page.goto(`http://127.0.0.1:${pages.port}/`);
        expect((await fetchIn(page, starOnly, { headers: { authorization: 'Bearer t' } })).error).toMatch(/^TypeError/);
        expect((await fetchIn(page, starOnly, { headers: { 'x-custom': '1' } })).ok).toBe(true);
      } finally {
        await page.close();
      }
    },
  );
});
