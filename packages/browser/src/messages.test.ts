// The browsers' own words: every kind of CORS failure (scenarios.ts) provoked in Chromium,
// Firefox and WebKitGTK, and each engine's console message compared with the templates
// `corsa check` prints and the README's troubleshooting table quotes. An engine update that
// rewords a message fails here, and so does a README row that no engine printed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKED_FETCH_ERRORS, ENGINE_MESSAGES, type FailureKind, renderMessage } from '../../cli/src/engine-messages.js';
import { ENGINE_NAMES, type Engine, type EngineName } from './engines/index.js';
import { launchEngines } from './engines/suite.js';
import { SCENARIOS, startScenarioServers } from './messages/scenarios.js';

let engines: Map<EngineName, Engine>;
let servers: Awaited<ReturnType<typeof startScenarioServers>>;

beforeAll(async () => {
  [engines, servers] = await Promise.all([launchEngines(), startScenarioServers()]);
}, 600_000);

afterAll(async () => {
  for (const engine of engines?.values() ?? []) await engine.close();
  await servers?.stop();
});

it('provokes every kind of failure the templates name', () => {
  expect(SCENARIOS.map((scenario) => scenario.id).sort()).toEqual(Object.keys(ENGINE_MESSAGES).sort());
});

describe.each(ENGINE_NAMES)('%s', (name) => {
  it.each(SCENARIOS)('$id: the console message is the template, the fetch() error the blocked one', async (scenario) => {
    const messages = await engines.get(name)!.consoleOf(servers.pageUrl(scenario.id));
    const expected = renderMessage(ENGINE_MESSAGES[scenario.id][name], {
      url: `${servers.apiOrigin}/${scenario.id}`,
      origin: servers.pageOrigin,
      value: scenario.quoted?.(servers.pageOrigin),
      status: String(scenario.preflight?.status ?? 200),
      method: scenario.init.method,
      header: Object.keys(scenario.init.headers ?? {})[0],
    });
    expect(messages).toContain(expected);
    expect(messages).toContain(`CORSA-DONE ${BLOCKED_FETCH_ERRORS[name]}`);
  });
});

// The README quotes each message as a page on http://localhost:5173 calling
// http://localhost:8000/api/items would see it: these are the values its rows use.
const README_EXAMPLE = { url: 'http://localhost:8000/api/items', origin: 'http://localhost:5173', method: 'PUT', header: 'x-api-key' };
const README_VALUES: Record<FailureKind, { value?: string; status?: string }> = {
  'no-allow-origin': { status: '200' },
  'allow-origin-mismatch': { value: 'https://app.example.com', status: '200' },
  'multiple-allow-origin': { value: 'http://localhost:5173, http://localhost:5173' },
  'wildcard-with-credentials': {},
  'credentials-not-allowed': { value: '' },
  'preflight-refused': { status: '403' },
  'preflight-status': { status: '405' },
  'method-not-allowed': {},
  'header-not-allowed': {},
};

/** The rows of the README's troubleshooting table: the kind (first `code` of the first cell) and one cell per engine. */
function troubleshootingRows(): { kind: string; cells: Record<EngineName, string> }[] {
  const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  const header = '| what went wrong | Chromium | Firefox | WebKit (Safari) | fix |';
  const start = readme.indexOf(header);
  if (start < 0) throw new Error(`README.md has no table headed ${header}`);
  const lines = readme.slice(start).split('\n');
  const rows = lines.slice(2, lines.indexOf('', 2));
  return rows.map((row) => {
    const [what, chromium, firefox, webkit] = row.split(' | ').map((cell) => cell.replace(/^\| /, ''));
    return { kind: /`([a-z-]+)`/.exec(what ?? '')?.[1] ?? '', cells: { chromium, firefox, webkit } as Record<EngineName, string> };
  });
}

describe("README's troubleshooting table", () => {
  const rows = troubleshootingRows();

  it('has one row per kind of failure, in the order of the templates', () => {
    expect(rows.map((row) => row.kind)).toEqual(Object.keys(ENGINE_MESSAGES));
  });

  it.each(rows)('$kind: each engine column quotes what that engine prints', ({ kind, cells }) => {
    for (const name of ENGINE_NAMES) {
      const printed = renderMessage(ENGINE_MESSAGES[kind as FailureKind][name], { ...README_EXAMPLE, ...README_VALUES[kind as FailureKind] });
      const quoted = /^`(…)?([^`]+)`$/.exec(cells[name]?.trim() ?? '');
      expect(quoted, `${kind}, ${name}: a cell is one \`message\`, or \`…end of it\``).not.toBeNull();
      const [, elided, text] = quoted!;
      if (elided) expect(printed.endsWith(text!), `${name} prints ${printed}`).toBe(true);
      else expect(text).toBe(printed);
    }
  });
});
