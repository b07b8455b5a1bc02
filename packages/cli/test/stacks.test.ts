// corsa check and corsa audit on the stacks people run (issue: every server users run), each
// a real server from Debian's packages: the stack is recognised from its headers, the fix is
// written in that stack's own configuration, and applied as printed it makes the check pass
// and the finding go away.
import { type RunningServer, startFlask } from '@corsa/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditResult } from '../src/audit.js';
import { FLASK_VARY_HOOK } from '../src/audit-fixes.js';
import type { CheckResult } from '../src/check.js';
import { corsaJson } from './run.js';

const PAGE = 'http://localhost:5173';

let running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running) await server.stop();
  running = [];
});
const started = async (server: Promise<RunningServer>) => {
  const up = await server;
  running.push(up);
  return up;
};

describe('Flask with flask-cors (Werkzeug)', () => {
  const PUT_JSON = ['--origin', PAGE, '--method', 'PUT', '--header', 'Content-Type: application/json', '--credentials'];

  it('check: recognised from its Server header, the fix is flask-cors configuration, and applied as printed the request passes', async () => {
    const bare = await started(startFlask('none', PAGE));
    const blocked = await corsaJson<CheckResult>('check', `${bare.baseUrl}/api/items`, ...PUT_JSON);
    expect(blocked.code).toBe(1);
    expect(blocked.json.stacks).toEqual([{ name: 'flask', evidence: expect.stringMatching(/^server: Werkzeug\//) }]);
    const config = blocked.json.failure?.fix.stack?.config ?? '';
    expect(config).toBe(`from flask_cors import CORS\n\nCORS(app, origins=["${PAGE}"], supports_credentials=True)`);
    const fixed = await started(startFlask('setup', PAGE, config));
    const passed = await corsaJson<CheckResult>('check', `${fixed.baseUrl}/api/items`, ...PUT_JSON);
    expect(passed.json.failure).toBeNull();
    expect(passed.code).toBe(0);
  });

  it('audit: with supports_credentials, flask-cors sends no Vary: Origin though its answers depend on the Origin; the fix is a Flask hook, and applied the finding is gone', async () => {
    const usual = await started(startFlask('credentials', PAGE));
    const found = await corsaJson<AuditResult>('audit', `${usual.baseUrl}/api/items`, '--origin', PAGE);
    expect(found.json.findings.map((finding) => [finding.class, finding.severity, finding.origin, finding.stack])).toEqual([
      ['missing-vary-origin', 'medium', PAGE, 'Flask'],
    ]);
    expect(found.json.findings[0]?.fix).toContain(FLASK_VARY_HOOK);
    const fixed = await started(startFlask('setup', PAGE, `CORS(app, origins=["${PAGE}"], supports_credentials=True)\n${FLASK_VARY_HOOK}`));
    const clean = await corsaJson<AuditResult>('audit', `${fixed.baseUrl}/api/items`, '--origin', PAGE);
    expect(clean.json.findings).toEqual([]);
    expect(clean.code).toBe(0);
  });
});
