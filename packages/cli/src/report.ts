// The reports for people: plain text, no colours, stable enough to quote in a README.
import { STATUS_CODES } from 'node:http';
import type { CheckResult, ReportedExchange } from './check.js';
import { ENGINE_LABELS, ENGINES, type EngineName } from './engine-facts.js';
import { BLOCKED_FETCH_ERRORS, NO_CONSOLE_MESSAGE } from './engine-messages.js';
import { STACK_LABELS, STACK_NAMES } from './stack.js';
import { terminalSafe } from './terminal-safe.js';

const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');

/** "Chromium, Firefox and WebKit". */
export function enginesList(engines: readonly EngineName[]): string {
  const labels = engines.map((engine) => ENGINE_LABELS[engine]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** Response headers worth showing: the CORS ones, Vary, Location. */
const SHOWN = /^(access-control-|vary$|location$)/i;
const HEADER_CASE: Readonly<Record<string, string>> = { origin: 'Origin', cookie: 'Cookie' };
const titleCase = (name: string) => HEADER_CASE[name] ?? name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

function exchangeText(exchange: ReportedExchange): string {
  const url = new URL(exchange.sent.url);
  const sent = [`→ ${exchange.sent.method} ${url.href}`, ...Object.entries(exchange.sent.headers).map(([name, value]) => `  ${titleCase(name)}: ${value}`)];
  if (exchange.sent.bodyBytes !== undefined) sent.push(`  (body: ${exchange.sent.bodyBytes} bytes)`);
  const { status, headers, bodyStart } = exchange.received;
  const shown = headers.filter(([name]) => SHOWN.test(name)).map(([name, value]) => `  ${name}: ${value}`);
  const received = [`← ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd(), ...(shown.length > 0 ? shown : ['  (no Access-Control-* headers)'])];
  if (status >= 400 && bodyStart.trim() !== '') received.push(`  body: ${JSON.stringify(bodyStart.trim().slice(0, 120))}`);
  return [...sent, ...received].join('\n');
}

export function checkReport(result: CheckResult): string {
  const { request } = result;
  const lines: string[] = [];
  const credentials = request.credentials === 'include' ? ', with credentials' : '';
  lines.push(`corsa check: ${request.method ?? 'GET'} ${request.url} from a page on ${request.origin}${credentials}`, '');
  const blocked = ENGINES.filter((engine) => !result.engines[engine].allowed);
  if (result.failure === null) {
    lines.push(`✓ Allowed by ${enginesList(ENGINES)}.`);
  } else {
    const where = result.failure.step === 'preflight' ? 'at the preflight' : result.failure.step === 'redirect' ? 'at a redirect' : 'at the response';
    const allowedBy = ENGINES.filter((engine) => result.engines[engine].allowed);
    lines.push(
      `✗ Blocked by ${enginesList(blocked)} ${where}: ${result.failure.kind}.${allowedBy.length > 0 ? ` (${enginesList(allowedBy)} allow${allowedBy.length === 1 ? 's' : ''} it.)` : ''}`,
    );
  }
  lines.push('');
  lines.push(
    result.preflightReason
      ? `Preflight (needed: ${result.preflightReason})`
      : 'No preflight (a simple request: GET, HEAD or POST with safelisted headers only)',
  );
  for (const exchange of result.exchanges) {
    if (exchange !== result.exchanges[0]) lines.push(exchange.step === 'preflight' ? 'Preflight' : 'Request');
    else if (exchange.step === 'actual' && result.preflightReason === null) lines.push('Request');
    lines.push(indent(exchangeText(exchange)));
  }
  if (result.actual === null) lines.push('Request: not sent (browsers stop at a failed preflight)');
  if (result.failure !== null) {
    lines.push('', 'What the browsers print');
    for (const engine of blocked) {
      const kind = result.engines[engine].failure?.kind;
      const message =
        result.engines[engine].message ??
        (kind && NO_CONSOLE_MESSAGE[engine].includes(kind)
          ? `(prints nothing to the console; the script gets ${BLOCKED_FETCH_ERRORS[engine]})`
          : '(this message has not been captured; Corsa does not guess it)');
      lines.push(indent(`${ENGINE_LABELS[engine].padEnd(10)}${message}`));
    }
    const { fix } = result.failure;
    lines.push('', 'Why', indent(fix.explanation));
    if (result.silentRefusal) {
      lines.push(indent('Asked again to find the cause (preflights no browser sends):'));
      for (const { sent, allowed } of result.silentRefusal.probes) {
        const asked = [sent.headers['access-control-request-method'], sent.headers['access-control-request-headers']].filter(Boolean).join(' with ');
        lines.push(indent(`  OPTIONS for ${asked} → ${allowed ? 'allowed' : 'no CORS header'}`));
      }
    }
    if (fix.stack) {
      lines.push(
        '',
        `Fix for ${STACK_LABELS[fix.stack.name]} (${fix.stack.evidence === '--stack' ? 'named with --stack' : `recognised from "${fix.stack.evidence}"`})`,
        indent(fix.stack.config),
      );
      for (const note of fix.stack.notes) lines.push(indent(`Note: ${note}`));
    }
    lines.push('', 'Fix with Corsa', indent(fix.corsa));
    // Corsa answered (it said why): no other server's configuration is the one to change.
    const corsaAnswered = fix.explanation.startsWith('Corsa refused it');
    if (!fix.stack && !corsaAnswered) lines.push(indent(`(name your server with --stack ${STACK_NAMES.join('|')} for its own configuration)`));
  }
  for (const note of result.notes) lines.push('', indent(note).replace(/^ {2}/, 'Note: '));
  return terminalSafe(`${lines.join('\n')}\n`);
}
