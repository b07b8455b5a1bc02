// `corsa check` against the browsers' own conformance suite: every case transcribed from
// WPT's fetch/api/cors tests (test/wpt/cases.ts), sent over HTTP by the CLI to a handler
// that answers and checks what WPT's do (test/wpt/handlers.ts: a preflight without
// `Accept: */*` is a 400 there, as in WPT). For each case the Fetch standard's verdict and
// every engine's must be WPT's, a preflight must have come exactly when WPT says, and the
// script must read exactly the headers WPT says it reads.
//
// Where an engine departs from WPT on purpose (a measured engine fact the CLI models,
// packages/cli/src/engine-facts.ts), the case is listed in ENGINE_DEVIATIONS with why.
// Today none of these cases meets one: the list is empty and the test says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Received, type SentRequest, walkFetch } from '../src/browser-fetch.js';
import { check } from '../src/check.js';
import { ENGINES, type EngineName } from '../src/engine-facts.js';
import { send } from '../src/http-send.js';
import { browserRequestOf } from '../src/request-spec.js';
import { WPT_CASES, type WptCase } from './wpt/cases.js';
import { startWptServer, type WptServer } from './wpt/handlers.js';

/** `file › name` → the engines that depart from WPT there, and why. */
const ENGINE_DEVIATIONS: Readonly<Record<string, { engines: readonly EngineName[]; why: string }>> = {};

let server: WptServer;
let tokens = 0;
beforeAll(async () => {
  server = await startWptServer();
});
afterAll(() => server?.stop());

/** An origin the cases name: `page`, `server`, `other`, with `user:password@` when given. */
function originFor(name: string, credentials?: string): string {
  const origin = name === 'page' ? server.pageOrigin : name === 'other' ? server.otherOrigin : server.origin;
  return credentials === undefined ? origin : origin.replace('://', `://${credentials}@`);
}

/** The case's URL: placeholders filled in (an origin at the start as is, in the query percent-encoded), a fresh token. */
function urlOf(path: string): string {
  const absolute = path.startsWith('{') ? path.replace(/^\{(\w+)\}/, (_, name: string) => originFor(name)) : `${server.origin}${path}`;
  return absolute
    .replace(/\{(page|server|other)(?:@([^}]*))?\}/g, (_, name: string, credentials?: string) => encodeURIComponent(originFor(name, credentials)))
    .replaceAll('{token}', `t${++tokens}`);
}

function requestOf(c: WptCase) {
  return browserRequestOf({
    url: urlOf(c.path),
    origin: server.pageOrigin,
    ...(c.method ? { method: c.method } : {}),
    headers: (c.headers ?? []).map(([name, value]) => `${name}=${value}`),
    credentials: c.credentials ?? false,
  });
}

const headerOf = (lines: readonly (readonly [string, string])[] | undefined, name: string) => lines?.find(([line]) => line.toLowerCase() === name)?.[1];

describe.each([...new Set(WPT_CASES.map((c) => c.file))])('WPT fetch/api/cors/%s', (file) => {
  it.each(WPT_CASES.filter((c) => c.file === file).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await check(requestOf(c));
    const expected = c.allowed ? 'resolves' : 'rejects';
    expect(result.standard.allowed ? 'resolves' : 'rejects', `the standard: ${result.standard.failure?.reason ?? ''}`).toBe(expected);
    const deviation = ENGINE_DEVIATIONS[`${file} › ${c.name}`];
    for (const engine of ENGINES) {
      const verdict = result.engines[engine].allowed ? 'resolves' : 'rejects';
      if (deviation?.engines.includes(engine)) expect(verdict, `${engine} departs here on purpose: ${deviation.why}`).not.toBe(expected);
      else expect(verdict, `${engine}: ${result.engines[engine].failure?.reason ?? ''}`).toBe(expected);
    }
    const final = result.exchanges.filter((exchange) => exchange.step === 'actual').at(-1); // after any redirects
    if (c.didPreflight !== undefined) {
      expect(result.preflight !== null ? '1' : '0', 'the CLI sent a preflight').toBe(c.didPreflight);
      expect(headerOf(final?.received.headers, 'x-did-preflight'), "the handler's x-did-preflight").toBe(c.didPreflight);
    }
    if (c.controlRequestHeaders !== undefined) {
      expect(headerOf(final?.received.headers, 'x-control-request-headers')).toBe(c.controlRequestHeaders);
    }
    if (c.readable !== undefined) {
      // What the script reads: the exposed names of the final response (the standard's walk and each engine's).
      const walks = await Promise.all(
        [undefined, ...ENGINES].map((engine) => walkFetch((sent: SentRequest): Promise<Received> => send(sent, 10_000), requestOf(c), engine)),
      );
      for (const walk of walks) {
        const read = Object.fromEntries(
          Object.keys(c.readable).map((name) => [name, walk.exposed.has(name.toLowerCase()) ? (walk.response?.headers.get(name) ?? null) : null]),
        );
        expect(read).toEqual(Object.fromEntries(Object.entries(c.readable).map(([name, value]) => [name, value === '{page}' ? server.pageOrigin : value])));
      }
    }
  });
});

describe('the transcription', () => {
  it('holds every test of the files it names, and no engine deviation it does not meet', () => {
    expect(WPT_CASES).toHaveLength(212);
    const names = new Set(WPT_CASES.map((c) => `${c.file} › ${c.name}`));
    for (const key of Object.keys(ENGINE_DEVIATIONS)) expect(names).toContain(key);
  });
});
