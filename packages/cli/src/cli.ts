// The `corsa` command: argument parsing (node:util parseArgs), the two subcommands, exit
// statuses. 0: allowed / no high or medium finding; 1: blocked / a finding; 2: bad usage
// or a network error (the message says which).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { type AuditResult, audit, auditFails, FINDING_CLASSES } from './audit.js';
import { type CheckResult, check } from './check.js';
import { NetworkError } from './http-send.js';
import { checkReport } from './report.js';
import { auditReport } from './report-audit.js';
import { browserRequestOf, parseTrustedOrigin, parseUrl, readData, UsageError } from './request-spec.js';
import { STACK_NAMES, type StackName } from './stack.js';

export const HELP = `corsa — why would a browser block this request?

Usage:
  corsa check <url> --origin <origin> [options]
      Sends the preflight (when the request needs one) and the request exactly as
      browsers do, judges them as Chromium, Firefox and WebKit do, and prints the step
      that failed, each browser's console message and the fix.
        --origin <origin>        the page's origin, e.g. http://localhost:5173 (required)
        -X, --method <method>    default GET
        -H, --header <name=value>  a header the script sets (repeatable; 'Name: value' works too)
        --credentials            fetch(..., { credentials: 'include' })
        --cookie <name=value>    the cookie the browser holds for the API (with --credentials)
        -d, --data <text|@file>  the body the script sends (method POST unless -X says
                                 otherwise; Content-Type text/plain;charset=UTF-8 unless
                                 -H sets one, as fetch() does); sent only to the URL's origin
        --stack <name>           the server, when its answers do not say: ${STACK_NAMES.join(', ')}
        --timeout <ms>           per request (default 10000)
        --json                   one JSON object on stdout

  corsa audit <url> [--origin <trusted origin>] [--stack <name>] [--timeout <ms>] [--json]
      Probes the URL with crafted origins (simple GET, with and without a cookie, and a
      preflight) and reports every misconfiguration found: ${FINDING_CLASSES.join(', ')}.

Exit status: 0 allowed by every engine / no high or medium finding; 1 blocked by at least
one engine / a high or medium finding; 2 bad usage or a network error.
`;

const OPTIONS = {
  origin: { type: 'string' },
  method: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  credentials: { type: 'boolean' },
  cookie: { type: 'string' },
  data: { type: 'string', short: 'd' },
  stack: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the command line `args` (without `node corsa`); resolves with the exit status. */
export async function main(args: readonly string[], output: Output): Promise<number> {
  let json = args.includes('--json');
  try {
    const { values, positionals } = parseCommandLine(args);
    json = values.json ?? false;
    if (values.version) {
      output.stdout(`${version()}\n`);
      return 0;
    }
    const [command, url, ...rest] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      output.stdout(HELP);
      return command === undefined && !values.help ? 2 : 0; // a bare `corsa` is a usage error
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}' (quote a URL that contains spaces or &)`);
    const timeoutMs = parseTimeout(values.timeout);
    if (command === 'check') {
      if (url === undefined) throw new UsageError('corsa check needs the URL to call: corsa check <url> --origin <page origin>');
      if (values.origin === undefined)
        throw new UsageError("corsa check needs the page's origin: --origin http://localhost:5173 (scheme, host and port of the page)");
      const request = browserRequestOf({
        url,
        origin: values.origin,
        ...(values.method !== undefined ? { method: values.method } : {}),
        headers: values.header ?? [],
        credentials: values.credentials ?? false,
        ...(values.cookie !== undefined ? { cookie: values.cookie } : {}),
        ...(values.data !== undefined ? { data: readData(values.data, (path) => readFileSync(path, 'utf8')) } : {}),
      });
      const result: CheckResult = await check(request, { timeoutMs, ...(values.stack !== undefined ? { stack: parseStack(values.stack) } : {}) });
      output.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : checkReport(result));
      return result.allowed ? 0 : 1;
    }
    if (command === 'audit') {
      if (url === undefined) throw new UsageError('corsa audit needs the URL to probe: corsa audit <url> [--origin <trusted origin>]');
      for (const name of ['method', 'header', 'credentials', 'cookie', 'data'] as const) {
        if (values[name] !== undefined) throw new UsageError(`--${name} is an option of corsa check, not of corsa audit`);
      }
      const target = parseUrl(url);
      const trustedOrigin = values.origin === undefined ? undefined : parseTrustedOrigin(values.origin);
      const result: AuditResult = await audit(target.href, {
        timeoutMs,
        ...(trustedOrigin !== undefined ? { trustedOrigin } : {}),
        ...(values.stack !== undefined ? { stack: parseStack(values.stack) } : {}),
      });
      output.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : auditReport(result));
      return auditFails(result) ? 1 : 0;
    }
    throw new UsageError(`unknown command '${command}': corsa check or corsa audit (corsa --help)`);
  } catch (error) {
    // Exit 1 means "blocked": anything that is not a verdict is 2, in one line.
    const kind = error instanceof UsageError ? 'usage' : error instanceof NetworkError ? 'network' : 'internal';
    const message = error instanceof Error ? error.message.split('\n')[0] || String(error) : String(error);
    const hint =
      kind === 'usage' ? 'Run corsa --help for the options.\n' : kind === 'internal' ? 'This is a bug in corsa; please report it with the command line.\n' : '';
    output.stderr(`corsa: ${kind === 'internal' ? `unexpected error: ${message}` : message}\n${hint}`);
    if (json) output.stdout(`${JSON.stringify({ error: { kind, message } }, null, 2)}\n`);
    return 2;
  }
}

function parseCommandLine(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' own messages name the option; keep them, as a usage error.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new UsageError(message.replace(/\. To specify a positional.*$/, ''));
  }
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 10_000;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 1 || ms > 600_000) throw new UsageError(`--timeout '${text}' is not a number of milliseconds from 1 to 600000`);
  return ms;
}

function parseStack(text: string): StackName {
  const name = text.toLowerCase();
  if (!(STACK_NAMES as readonly string[]).includes(name)) throw new UsageError(`--stack '${text}' is not one of ${STACK_NAMES.join(', ')}`);
  return name as StackName;
}

function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}
