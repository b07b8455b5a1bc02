import type { ElementCheck, Problem } from './lists.js';
import { registeredSuffixLookup, SUFFIX_LIST_IMPORT } from './public-suffix-registry.js';
import { defaultPortOf, scanOrigin } from './syntax.js';

/**
 * A parsed origin pattern. `https://app.example.com` is exact; `https://*.example.com`
 * has `anySubdomain` (one or more labels below `host`); `http://localhost:*` has
 * `anyPort` (any port, the scheme's default included).
 */
export interface OriginPattern {
  readonly scheme: string;
  readonly host: string;
  readonly anySubdomain: boolean;
  /** `''` for the default port, `':8443'` for an explicit one. */
  readonly port: string;
  readonly anyPort: boolean;
}

/** What the pattern rules need to know about the rest of the policy. */
export interface PatternContext {
  readonly credentials: boolean;
  readonly allowInsecure: boolean;
}

const HOW_TO_WRITE = "write a serialised origin such as 'https://app.example.com'";

/**
 * Checks one element of the `origins` list (whitespace, emptiness and '*' were checked
 * by the list reader). Accepted: the pattern. Refused: every problem found, and the
 * element as it should be written (every problem fixed at once: case, path, default
 * port, scheme), or `[]` when it should be removed, or undefined when only a person
 * can choose (which suffix to trust).
 */
export function checkOriginPattern(raw: string, context: PatternContext): ElementCheck<OriginPattern> {
  const syntax = parseSyntax(raw);
  if ('pattern' in syntax) {
    const problems = trustProblems(raw, syntax.pattern, context);
    if (problems.length === 0) return { value: raw, extra: syntax.pattern };
    return { problems, replacement: trustedReplacement(raw, syntax.pattern, context) };
  }
  const { code, message } = syntax;
  if (code === 'null-origin' || code === 'file-origin') return { problems: [{ code, message }], replacement: [] };
  const fixed = canonicalOrigin(raw);
  const accepted = fixed === undefined ? undefined : acceptedForm(fixed, context);
  const write = accepted === undefined ? '' : `; write '${accepted}'`;
  return { problems: [{ code, message: `${message}${write}.` }], replacement: accepted === undefined ? undefined : [accepted] };
}

// `candidate` if it passes every rule, else its https form when only the insecure-origin
// rule stood in the way, else undefined.
function acceptedForm(candidate: string, context: PatternContext): string | undefined {
  const syntax = parseSyntax(candidate);
  if (!('pattern' in syntax)) return undefined;
  if (trustProblems(candidate, syntax.pattern, context).length === 0) return candidate;
  return trustedReplacement(candidate, syntax.pattern, context)?.[0];
}

function trustedReplacement(raw: string, pattern: OriginPattern, context: PatternContext): string[] | undefined {
  if (pattern.anySubdomain && coveredSuffix(pattern) !== undefined) return undefined;
  const secure = `https://${raw.slice(raw.indexOf('://') + 3)}`;
  const syntax = parseSyntax(secure);
  return 'pattern' in syntax && trustProblems(secure, syntax.pattern, context).length === 0 ? [secure] : undefined;
}

type Syntax = { readonly pattern: OriginPattern } | { readonly code: string; readonly message: string };

// The grammar: scheme://host[:port], `*.` as the whole first label, `*` as the whole port.
function parseSyntax(raw: string): Syntax {
  const refuse = (code: string, message: string): Syntax => ({ code, message });
  if (raw.toLowerCase() === 'null') {
    return refuse(
      'null-origin',
      "the 'null' origin is sent by sandboxed iframes, file: pages and cross-origin redirects, and anyone can make a browser send it, so allowing it allows everyone; remove it and serve the page from a real origin.",
    );
  }
  if (raw.toLowerCase().startsWith('file:')) {
    return refuse(
      'file-origin',
      "browsers send 'Origin: null' for file: pages, and 'null' cannot be trusted; remove it and serve the page from http://localhost instead.",
    );
  }
  const schemeEnd = raw.indexOf('://');
  if (schemeEnd <= 0) return refuse('origin-missing-scheme', `'${raw}' has no scheme`);
  const rest = raw.slice(schemeEnd + 3);
  const slash = rest.search(/[/?#]/);
  if (slash >= 0) {
    return slash === rest.length - 1 && rest.endsWith('/')
      ? refuse('origin-trailing-slash', `'${raw}' ends with '/', but an Origin header never does`)
      : refuse('origin-has-path', `'${raw}' has a path, query or fragment, but an Origin header is only scheme://host[:port]`);
  }
  if (raw !== raw.toLowerCase()) {
    return refuse('origin-uppercase', `'${raw}' has upper-case letters, but browsers send origins in lower case and Corsa compares them byte for byte`);
  }
  const scheme = raw.slice(0, schemeEnd);
  if (scheme.includes('*')) return refuse('origin-wildcard-position', `'${raw}': the scheme must be written out (no '*'); list each scheme`);
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return refuse('origin-invalid-scheme', `'${raw}' has an invalid scheme '${scheme}'; ${HOW_TO_WRITE}`);
  const portColon = rest.startsWith('[') ? rest.indexOf(':', rest.indexOf(']')) : rest.lastIndexOf(':');
  let host = portColon >= 0 ? rest.slice(0, portColon) : rest;
  const portText = portColon >= 0 ? rest.slice(portColon + 1) : '';
  const anyPort = portText === '*';
  const anySubdomain = host.startsWith('*.');
  if (anySubdomain) host = host.slice(2);
  if (host.includes('*') || (portText.includes('*') && !anyPort)) {
    return refuse(
      'origin-wildcard-position',
      `'${raw}': '*' may only be the whole first label ('https://*.example.com': any subdomain) or the whole port ('http://localhost:*'); for anything else use an origins predicate`,
    );
  }
  if (portColon >= 0 && !anyPort) {
    if (portText === defaultPortOf(scheme))
      return refuse('origin-default-port', `'${raw}' names the default port, which browsers leave out of the Origin header`);
    if (!/^[1-9][0-9]{0,4}$/.test(portText) || Number(portText) > 65535) {
      return refuse('origin-invalid-port', `'${raw}' has an invalid port '${portText}'; a port is a number from 1 to 65535, or '*' for any port`);
    }
  }
  const canonicalHost = canonicalHostOf(scheme, host);
  if (canonicalHost === undefined || host === '') return refuse('origin-invalid-host', `'${raw}' has no valid host; ${HOW_TO_WRITE}`);
  if (canonicalHost !== host) {
    return refuse(
      'origin-not-canonical',
      `'${raw}' is not how browsers write this origin (they send host '${canonicalHost}'), and origins are compared byte for byte`,
    );
  }
  const pattern: OriginPattern = { scheme, host, anySubdomain, port: portText && !anyPort ? `:${portText}` : '', anyPort };
  if (scanOrigin(`${scheme}://${anySubdomain ? `a.${host}` : host}${pattern.port}`) < 0) {
    return refuse('origin-invalid-host', `'${raw}' is not a serialised origin (scheme://host[:port], host of a-z, 0-9, '-', '.'); ${HOW_TO_WRITE}`);
  }
  if (anySubdomain && isIpAddress(host)) return refuse('origin-wildcard-position', `'${raw}': an IP address has no subdomains; list the address itself`);
  return { pattern };
}

// The rules that only apply with credentials: no plain-http origins (anyone on the
// network can forge them) and no wildcard that covers a public suffix (strangers can
// register names there).
function trustProblems(raw: string, pattern: OriginPattern, context: PatternContext): Problem[] {
  if (!context.credentials) return [];
  const problems: Problem[] = [];
  if (pattern.scheme === 'http' && !isLoopback(pattern.host) && !context.allowInsecure) {
    problems.push({
      code: 'insecure-origin-with-credentials',
      message: `'${raw}' is plain http, so anyone on the network path can act as this origin and read credentialed responses; write 'https://${raw.slice(7)}', or set dangerouslyAllowInsecureOrigins: true if you accept that risk.`,
    });
  }
  if (pattern.anySubdomain && !isLoopback(pattern.host) && registeredSuffixLookup() === undefined) {
    problems.push({
      code: 'public-suffix-list-not-loaded',
      message: `'${raw}' with credentials must be checked against the Public Suffix List (a wildcard over a public suffix would trust names strangers can register), and the list is not loaded; add ${SUFFIX_LIST_IMPORT} once at start-up (about 44 KB, only in apps with a credentialed wildcard), or list your origins.`,
    });
    return problems;
  }
  const suffix = pattern.anySubdomain ? coveredSuffix(pattern) : undefined;
  if (suffix !== undefined) {
    const where = suffix === pattern.host.replace(/\.$/, '') ? `'${suffix}' is a public suffix` : `it covers '${suffix}', a public suffix`;
    problems.push({
      code: 'public-suffix-wildcard-with-credentials',
      message: `'${raw}' trusts names that strangers can register (${where} on the Public Suffix List) with your users' credentials; list your own origins, or use a predicate that checks your own prefix.`,
    });
  }
  return problems;
}

// The public suffix a wildcard pattern would cover, unless its host is a loopback name.
// Without the list loaded, trustProblems refuses every such pattern before asking this.
function coveredSuffix(pattern: OriginPattern): string | undefined {
  return isLoopback(pattern.host) ? undefined : registeredSuffixLookup()?.(pattern.host);
}

/**
 * `raw` rewritten as browsers serialise the origin it names, every difference fixed at
 * once (case, path, query, fragment, default port, IDN, a missing scheme), keeping a `*.`
 * first label and a `:*` port; undefined when the URL parser cannot read it.
 */
export function canonicalOrigin(raw: string): string | undefined {
  let text = raw;
  if (!text.includes('://')) {
    const bare = text.replace(/^\/*/, '');
    const host = (bare.split(/[/:?#]/, 1)[0] ?? '').toLowerCase();
    text = `${isLoopback(host) ? 'http' : 'https'}://${bare}`;
  }
  const schemeEnd = text.indexOf('://');
  const scheme = text.slice(0, schemeEnd).toLowerCase();
  let rest = text.slice(schemeEnd + 3);
  const cut = rest.search(/[/?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  const wild = rest.startsWith('*.');
  if (wild) rest = `corsa-wildcard.${rest.slice(2)}`;
  const anyPort = rest.endsWith(':*');
  if (anyPort) rest = rest.slice(0, -2);
  try {
    const url = new URL(`${scheme}://${rest}/`);
    let host = url.host.toLowerCase();
    if (wild) host = host.replace(/^corsa-wildcard\./, '*.');
    return `${url.protocol.slice(0, -1)}://${host}${anyPort ? ':*' : ''}`;
  } catch {
    return undefined;
  }
}

// How the URL parser writes `host` (punycode, lower case, canonical IP forms), or
// undefined when it is not a valid host. Only used while compiling a policy.
function canonicalHostOf(scheme: string, host: string): string | undefined {
  if (host === '') return undefined;
  try {
    const special = scheme === 'http' || scheme === 'https';
    const url = new URL(`${special ? scheme : 'http'}://${host}/`);
    return url.hostname === '' ? undefined : url.hostname;
  } catch {
    return undefined;
  }
}

function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^[0-9.]+$/.test(host);
}

/**
 * `true` for hosts browsers treat as potentially trustworthy loopback (Secure Contexts):
 * `localhost`, `*.localhost` (each with or without a trailing dot), 127.0.0.0/8 and `[::1]`.
 */
export function isLoopback(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/**
 * The compiled `origins` list. Matching costs one Set lookup for exact origins plus, for
 * wildcards, one or two lookups per dot of the request's host: never a loop over the
 * patterns, so 1,000 patterns cost what one does.
 */
export class OriginMatcher {
  readonly #exact = new Set<string>();
  /**
   * scheme → keys: `.example.com` + port (any subdomain), `.example.com` (any subdomain,
   * any port), with the longest key of each, which bounds where a match can start.
   */
  readonly #subdomains = new Map<string, SubdomainBucket>();
  /** `scheme://host` of the `:*` patterns. */
  readonly #anyPort = new Set<string>();
  readonly #hasWildcards: boolean;

  constructor(patterns: readonly OriginPattern[]) {
    for (const p of patterns) {
      if (p.anySubdomain) {
        let bucket = this.#subdomains.get(p.scheme);
        if (!bucket) {
          bucket = { fixedPort: new Set(), anyPort: new Set(), longestFixed: 0, longestAny: 0 };
          this.#subdomains.set(p.scheme, bucket);
        }
        const key = p.anyPort ? `.${p.host}` : `.${p.host}${p.port}`;
        if (p.anyPort) {
          bucket.anyPort.add(key);
          bucket.longestAny = Math.max(bucket.longestAny, key.length);
        } else {
          bucket.fixedPort.add(key);
          bucket.longestFixed = Math.max(bucket.longestFixed, key.length);
        }
      } else if (p.anyPort) {
        this.#anyPort.add(`${p.scheme}://${p.host}`);
      } else {
        this.#exact.add(`${p.scheme}://${p.host}${p.port}`);
      }
    }
    this.#hasWildcards = this.#subdomains.size > 0 || this.#anyPort.size > 0;
  }

  /**
   * `true` when `origin` (already length-checked by the caller) matches a pattern.
   * Linear in the origin's length: after one scan, only the dots within the longest
   * pattern's reach of the end are tried, so a 150-label origin costs what a short one does.
   */
  matches(origin: string): boolean {
    if (this.#exact.has(origin)) return true;
    if (!this.#hasWildcards) return false;
    const hostEnd = scanOrigin(origin);
    if (hostEnd < 0) return false;
    if (this.#anyPort.size > 0 && this.#anyPort.has(origin.slice(0, hostEnd))) return true;
    const schemeEnd = origin.indexOf(':');
    const bucket = this.#subdomains.get(origin.slice(0, schemeEnd));
    if (bucket === undefined) return false;
    const fixedFrom = bucket.fixedPort.size > 0 ? origin.length - bucket.longestFixed : hostEnd;
    const anyFrom = bucket.anyPort.size > 0 ? hostEnd - bucket.longestAny : hostEnd;
    // A suffix that starts at a dot, leaving at least one label in front.
    for (let dot = origin.indexOf('.', Math.max(schemeEnd + 4, Math.min(fixedFrom, anyFrom))); dot > 0 && dot < hostEnd; dot = origin.indexOf('.', dot + 1)) {
      if (dot >= fixedFrom && bucket.fixedPort.has(origin.slice(dot))) return true;
      if (dot >= anyFrom && bucket.anyPort.has(origin.slice(dot, hostEnd))) return true;
    }
    return false;
  }
}

interface SubdomainBucket {
  readonly fixedPort: Set<string>;
  readonly anyPort: Set<string>;
  longestFixed: number;
  longestAny: number;
}
