// `corsa audit`: probes a live URL with crafted origins (a simple GET without and with a
// cookie, and a preflight) and reports every misconfiguration class it finds, each with
// its evidence. Bounded: a deadline per request, at most MAX_PROBES requests, only the
// URL's own host, redirects followed only on that host.

import { getDomain } from 'tldts';
import { stackFix } from './audit-fixes.js';
import type { SentRequest } from './browser-fetch.js';
import { type HttpResponse, send } from './http-send.js';
import { UsageError } from './request-spec.js';
import { recogniseStacks, type Stack, type StackName } from './stack.js';

export type FindingClass =
  | 'reflects-any-origin'
  | 'reflects-any-origin-with-credentials'
  | 'null-origin-allowed'
  | 'prefix-match'
  | 'suffix-match'
  | 'unescaped-dot'
  | 'special-character-bypass'
  | 'any-subdomain-trusted'
  | 'http-origin-trusted'
  | 'wildcard-with-credentials'
  | 'missing-vary-origin'
  | 'duplicate-allow-origin';

export const FINDING_CLASSES: readonly FindingClass[] = [
  'reflects-any-origin',
  'reflects-any-origin-with-credentials',
  'null-origin-allowed',
  'prefix-match',
  'suffix-match',
  'unescaped-dot',
  'special-character-bypass',
  'any-subdomain-trusted',
  'http-origin-trusted',
  'wildcard-with-credentials',
  'missing-vary-origin',
  'duplicate-allow-origin',
];

export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  readonly class: FindingClass;
  readonly severity: Severity;
  /** The Origin sent ('(none)' for the request sent without one). */
  readonly origin: string;
  /** Which probe showed it: a simple GET, the same GET with a cookie, or a preflight. */
  readonly probe: ProbeKind;
  /** The response's status and its CORS header lines, as received. */
  readonly evidence: { readonly status: number; readonly headers: readonly (readonly [string, string])[] };
  readonly why: string;
  /** The fix, in the configuration of `stack` when one was recognised. */
  readonly fix: string;
  /** The server whose configuration `fix` is written in ('Express', 'FastAPI', …); absent for the general fix. */
  readonly stack?: string;
  /** Set when the finding follows from another (reflecting any origin; a prefix or suffix match): one cause, one fix, its severity. */
  readonly follows?: FindingClass;
}

export interface AuditResult {
  readonly url: string;
  /** The origin the audit treats as legitimate (from --origin, or the URL's own). */
  readonly trustedOrigin: string;
  readonly findings: readonly Finding[];
  /** Requests sent. */
  readonly probes: number;
  /** The servers recognised from the responses' headers (the fixes are written for them). */
  readonly stacks: readonly Stack[];
  readonly notes: readonly string[];
}

export interface AuditOptions {
  readonly trustedOrigin?: string;
  readonly timeoutMs?: number;
  /** The server's stack, when its answers do not say (`--stack`): the fixes are written for it. */
  readonly stack?: StackName;
}

type ProbeKind = 'GET' | 'GET with a cookie' | 'preflight' | 'GET without Origin';

/** The most requests one audit sends. */
export const MAX_PROBES = 60;
const MAX_REDIRECTS = 5;
const ATTACKER = 'corsa-audit.example';
/** Characters some origin parsers stop at (Safari sends several of them in host names). */
const SPECIAL_CHARACTERS = ['_', '-', '`', '}', '!', '~'];

interface Crafted {
  readonly origin: string;
  readonly class: Exclude<
    FindingClass,
    'wildcard-with-credentials' | 'missing-vary-origin' | 'duplicate-allow-origin' | 'reflects-any-origin-with-credentials'
  >;
}

/** The crafted origins for a trusted origin, each named by the class it reveals when allowed. */
export function craftedOrigins(trusted: string): Crafted[] {
  const { protocol, hostname, port } = new URL(trusted);
  const colonPort = port === '' ? '' : `:${port}`;
  const isIp = /^[\d.]+$|^\[/.test(hostname);
  const crafted: Crafted[] = [
    { class: 'reflects-any-origin', origin: `https://${ATTACKER}` },
    { class: 'null-origin-allowed', origin: 'null' },
    { class: 'prefix-match', origin: `${protocol}//${hostname}.${ATTACKER}${colonPort}` },
    // A look-alike of the registrable domain (corsa-auditexample.com for app.example.com): anyone can
    // register it. A name below the trusted site's own domain proves nothing: only its owner has those.
    { class: 'suffix-match', origin: `${protocol}//corsa-audit${registrableDomain(hostname)}${colonPort}` },
  ];
  if (hostname.includes('.') && !isIp) crafted.push({ class: 'unescaped-dot', origin: `${protocol}//${hostname.replace('.', 'x')}${colonPort}` });
  for (const character of SPECIAL_CHARACTERS)
    crafted.push({ class: 'special-character-bypass', origin: `${protocol}//${hostname}${character}.${ATTACKER}${colonPort}` });
  if (!isIp) crafted.push({ class: 'any-subdomain-trusted', origin: `${protocol}//corsa-audit.${hostname}${colonPort}` });
  if (protocol === 'https:') crafted.push({ class: 'http-origin-trusted', origin: `http://${hostname}${colonPort}` });
  return crafted;
}

/** The name anyone can register next to: the registrable domain (Public Suffix List, private section too), or the host itself (localhost, an IP). */
function registrableDomain(hostname: string): string {
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname;
}

const WHY: Readonly<Record<FindingClass, string>> = {
  'reflects-any-origin': 'Any site gets its own origin back in Access-Control-Allow-Origin: every page on the web can read these responses (as with "*").',
  'reflects-any-origin-with-credentials':
    "Any site gets its own origin back together with Access-Control-Allow-Credentials: true: every page on the web can read these responses with the visitor's cookies (their data, their CSRF tokens).",
  'null-origin-allowed': "Origin 'null' is allowed: any page can send it (a sandboxed iframe, a data: URL), so it is as open as allowing every site.",
  'prefix-match':
    "An origin that merely starts with the trusted one is allowed (a check like startsWith or an unanchored regex): the attacker registers '<trusted host>.<their domain>'.",
  'suffix-match':
    "An origin that merely ends with the trusted site's domain is allowed (endsWith, or a regex without '^' or without the '.' before the domain): the attacker registers 'evil<domain>', a domain of their own.",
  'unescaped-dot':
    "A '.' in the trusted host matches any character (a regex with an unescaped dot): the attacker registers the host with one dot replaced by a letter.",
  'special-character-bypass':
    "An origin with a special character after the trusted host is allowed: the server parses origins differently from browsers (Safari sends such host names), so the attacker's subdomain passes.",
  'any-subdomain-trusted':
    'Every subdomain of the trusted host is allowed: one forgotten or taken-over subdomain (or an XSS on any of them) reads these responses.',
  'http-origin-trusted': 'The http:// twin of the trusted https:// origin is allowed: anyone on the network path (public Wi-Fi) can inject a page on it.',
  'wildcard-with-credentials':
    'Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true: browsers refuse every credentialed request to it, and it suggests the server reflects origins where it can.',
  'missing-vary-origin':
    "Access-Control-Allow-Origin depends on the Origin, but the response has no Vary: Origin: a cache (CDN, proxy, the browser) can serve one origin's answer to another, breaking legitimate pages or leaking an allowed answer.",
  'duplicate-allow-origin': 'Access-Control-Allow-Origin appears more than once (two layers each add it): browsers refuse every cross-origin request to it.',
};

const FIX: Readonly<Record<FindingClass, string>> = {
  'reflects-any-origin': 'Allow a list of exact origins (Corsa: origins: [...]), or send "*" if the API is public and cookie-free.',
  'reflects-any-origin-with-credentials':
    'Never reflect the Origin with credentials: compare it with a list of exact origins (Corsa refuses this configuration at start-up).',
  'null-origin-allowed': "Remove 'null' from the allowed origins.",
  'prefix-match': 'Compare whole origins for equality (or anchor the regex at both ends: ^https://app\\.example\\.com$).',
  'suffix-match': "Compare whole origins, or match subdomains label by label (a '.' before the trusted host).",
  'unescaped-dot': "Escape every '.' in origin regexes, or compare exact origins.",
  'special-character-bypass': 'Compare whole serialized origins byte for byte (no regex with [^.] or \\w classes, no hand-written host parsing).',
  'any-subdomain-trusted': 'List the subdomains that need access instead of a wildcard, at least when credentials are allowed.',
  'http-origin-trusted': 'Allow only https:// origins in production.',
  'wildcard-with-credentials': 'Name the allowed origins and keep Access-Control-Allow-Credentials: true, or drop credentials and keep "*".',
  'missing-vary-origin': 'Send Vary: Origin on every response whose CORS headers depend on the Origin (Corsa does so on every non-preflight response).',
  'duplicate-allow-origin': 'Let exactly one layer write CORS headers (e.g. nginx proxy_hide_header Access-Control-Allow-Origin, or remove add_header).',
};

function severityOf(kind: FindingClass, credentialed: boolean): Severity {
  switch (kind) {
    case 'reflects-any-origin-with-credentials':
      return 'high';
    case 'reflects-any-origin':
      return 'low';
    case 'null-origin-allowed':
      return credentialed ? 'high' : 'low';
    case 'prefix-match':
    case 'suffix-match':
    case 'unescaped-dot':
    case 'special-character-bypass':
      return credentialed ? 'high' : 'medium';
    case 'any-subdomain-trusted':
    case 'http-origin-trusted':
      return credentialed ? 'medium' : 'low';
    case 'wildcard-with-credentials':
      return 'low';
    case 'missing-vary-origin':
    case 'duplicate-allow-origin':
      return 'medium';
  }
}

const CORS_LINE = /^(access-control-|vary$)/i;

export async function audit(urlText: string, options: AuditOptions = {}): Promise<AuditResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let url = new URL(urlText);
  const trustedOrigin = options.trustedOrigin ?? url.origin;
  const notes: string[] = [];
  let probes = 0;
  const responses: HttpResponse[] = [];
  const probe = async (sent: SentRequest): Promise<HttpResponse> => {
    if (++probes > MAX_PROBES) throw new Error(`audit: more than ${MAX_PROBES} probes (a bug: the probe list is bounded)`);
    const response = await send(sent, timeoutMs);
    responses.push(response);
    return response;
  };

  // Redirects: followed on the URL's own host only, before probing.
  for (let hops = 0; ; hops++) {
    const response = await probe({ method: 'GET', url: url.href, headers: { origin: trustedOrigin } });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) break;
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      notes.push(`${url.href} redirects to '${location}', which is not a URL: audit probes ${url.href} itself.`);
      break;
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      notes.push(`${url.href} redirects to ${next.protocol} (not HTTP): audit probes ${url.href} itself.`);
      break;
    }
    if (next.host !== url.host) {
      notes.push(`${url.href} redirects to ${next.href}, another host: audit does not follow it. Run corsa audit ${next.href} if that is yours.`);
      break;
    }
    if (hops === MAX_REDIRECTS) throw new UsageError(`${urlText} redirects more than ${MAX_REDIRECTS} times`);
    url = next;
  }

  const findings: Finding[] = [];
  const add = (kind: FindingClass, origin: string, probeKind: ProbeKind, response: HttpResponse, credentialed: boolean) => {
    // One finding per class, with the first evidence: the other origins show the same flaw.
    if (findings.some((finding) => finding.class === kind)) return;
    findings.push({
      class: kind,
      severity: severityOf(kind, credentialed),
      origin,
      probe: probeKind,
      evidence: { status: response.status, headers: response.lines.filter(([name]) => CORS_LINE.test(name)) },
      why: WHY[kind],
      fix: FIX[kind],
    });
  };
  const inspect = (origin: string, probeKind: ProbeKind, response: HttpResponse) => {
    const allowLines = response.lines.filter(([name]) => name.toLowerCase() === 'access-control-allow-origin');
    if (allowLines.length > 1 || allowLines.some(([, value]) => value.includes(','))) add('duplicate-allow-origin', origin, probeKind, response, false);
    if (response.headers.get('access-control-allow-origin') === '*' && response.headers.get('access-control-allow-credentials') === 'true') {
      add('wildcard-with-credentials', origin, probeKind, response, true);
    }
  };
  const allowed = (origin: string, response: HttpResponse) => response.headers.get('access-control-allow-origin') === origin;
  const credentialed = (response: HttpResponse) => response.headers.get('access-control-allow-credentials') === 'true';
  const path = url.href;
  const probesFor = (origin: string): [ProbeKind, SentRequest][] => [
    ['GET', { method: 'GET', url: path, headers: { origin } }],
    ['GET with a cookie', { method: 'GET', url: path, headers: { origin, cookie: 'corsa_audit=1' } }],
    [
      'preflight',
      { method: 'OPTIONS', url: path, headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } },
    ],
  ];

  // The trusted origin first: what a legitimate page gets.
  const trustedAnswers: [ProbeKind, HttpResponse][] = [];
  let trustedGet: HttpResponse | undefined;
  for (const [kind, sent] of probesFor(trustedOrigin)) {
    const response = await probe(sent);
    trustedAnswers.push([kind, response]);
    trustedGet ??= response;
    inspect(trustedOrigin, kind, response);
  }
  if (!trustedAnswers.some(([, response]) => allowed(trustedOrigin, response) || response.headers.get('access-control-allow-origin') === '*')) {
    notes.push(
      `${trustedOrigin} itself is not allowed (no probe got Access-Control-Allow-Origin: ${trustedOrigin} or *). Pass the origin your pages use with --origin.`,
    );
  }

  let strangerGet: HttpResponse | undefined;
  for (const crafted of craftedOrigins(trustedOrigin)) {
    for (const [kind, sent] of probesFor(crafted.origin)) {
      const response = await probe(sent);
      if (crafted.class === 'reflects-any-origin' && kind === 'GET') strangerGet = response;
      inspect(crafted.origin, kind, response);
      if (!allowed(crafted.origin, response)) continue;
      const withCredentials = credentialed(response);
      const found: FindingClass = crafted.class === 'reflects-any-origin' && withCredentials ? 'reflects-any-origin-with-credentials' : crafted.class;
      add(found, crafted.origin, kind, response, withCredentials);
    }
  }

  // Vary: when a stranger's GET gets another Access-Control-Allow-Origin than the trusted
  // origin's, the answer depends on the Origin, and every answer of the URL must say so —
  // the one to a request without Origin too (the Fetch standard's cache-poisoning example:
  // stored without Vary, it is served to a page's CORS request). Only answers a cache would
  // store count (a 500, or Cache-Control: no-store, is never served again).
  const acao = (response: HttpResponse | undefined) => response?.headers.get('access-control-allow-origin') ?? null;
  const varies = (response: HttpResponse) => /(^|,)\s*(origin|\*)\s*(,|$)/i.test(response.headers.get('vary') ?? '');
  if (trustedGet && strangerGet && acao(trustedGet) !== acao(strangerGet) && (acao(trustedGet) !== null || acao(strangerGet) !== null)) {
    const withoutOrigin = await probe({ method: 'GET', url: path, headers: {} });
    const answers: [string, ProbeKind, HttpResponse][] = [
      [trustedOrigin, 'GET', trustedGet],
      [`https://${ATTACKER}`, 'GET', strangerGet],
      ['(none)', 'GET without Origin', withoutOrigin],
    ];
    const unvaried = answers.find(([, , response]) => !varies(response) && cacheable(response));
    if (unvaried) add('missing-vary-origin', unvaried[0], unvaried[1], unvaried[2], false);
  }

  // One cause, one fix: reflecting with credentials includes reflecting without; the bypass
  // classes a reflecting server trivially shows follow from it; special-character origins
  // (<trusted host><char>.<attacker>) follow from a prefix match, and a dot replaced by a
  // letter from a suffix match (a regex with '.' escaped but no '^' lets it through too).
  const reflectsWithCredentials = findings.some((finding) => finding.class === 'reflects-any-origin-with-credentials');
  const kept = reflectsWithCredentials ? findings.filter((finding) => finding.class !== 'reflects-any-origin') : findings;
  const causeOf = (finding: Finding): Finding | undefined =>
    kept.find(
      (cause) =>
        cause !== finding && (FOLLOWS[cause.class] === 'origin-classes' ? isOriginClass(finding.class) : FOLLOWS[cause.class]?.includes(finding.class)),
    );
  const stacks: Stack[] = options.stack ? [{ name: options.stack, evidence: '--stack' }] : recogniseStacks(responses);
  const ordered = kept
    .map((finding) => {
      const cause = causeOf(finding);
      return cause ? { ...finding, severity: cause.severity, follows: cause.class } : finding;
    })
    .map((finding) => ({ ...finding, ...stackFix(finding.class, stacks, trustedOrigin, finding.fix) }))
    .sort((a, b) => FINDING_CLASSES.indexOf(a.class) - FINDING_CLASSES.indexOf(b.class));
  return { url: url.href, trustedOrigin, findings: ordered, probes, stacks, notes };
}

/** What each cause trivially shows besides itself, in the order causes are looked for. */
const FOLLOWS: Partial<Record<FindingClass, 'origin-classes' | readonly FindingClass[]>> = {
  'reflects-any-origin-with-credentials': 'origin-classes',
  'reflects-any-origin': 'origin-classes',
  'prefix-match': ['special-character-bypass'],
  'suffix-match': ['unescaped-dot'],
};

/** Whether a cache may store `response` and serve it again: a status cacheable by default, and no `Cache-Control: no-store`. */
function cacheable(response: HttpResponse): boolean {
  const HEURISTICALLY_CACHEABLE = [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501];
  return HEURISTICALLY_CACHEABLE.includes(response.status) && !/(^|,)\s*no-store\s*(,|$)/i.test(response.headers.get('cache-control') ?? '');
}

function isOriginClass(kind: FindingClass): boolean {
  return !['wildcard-with-credentials', 'missing-vary-origin', 'duplicate-allow-origin'].includes(kind);
}

/** Exit status of an audit: 1 when a high or medium finding is found. */
export function auditFails(result: AuditResult): boolean {
  return result.findings.some((finding) => finding.severity !== 'low');
}
