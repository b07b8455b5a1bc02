import type { IssueList } from './errors.js';
import { defaultPortOf, scanOrigin } from './syntax.js';

/**
 * A parsed origin pattern. `https://app.example.com` is exact; `https://*.example.com`
 * has `anySubdomain` (one or more labels below `host`); `http://localhost:*` has
 * `anyPort` (any port, the scheme's default included).
 */
interface OriginPattern {
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

// Hosts under which strangers can get a subdomain of their own: a wildcard below one of
// them, with credentials, would trust every tenant of that service. Single labels (TLDs)
// are refused too; this list covers the common multi-tenant and country suffixes.
const SHARED_SUFFIXES = new Set([
  'github.io',
  'gitlab.io',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'herokuapp.com',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'azurewebsites.net',
  'azurestaticapps.net',
  'cloudfront.net',
  'amazonaws.com',
  'onrender.com',
  'fly.dev',
  'glitch.me',
  'repl.co',
  'deno.dev',
  'surge.sh',
  'ngrok.io',
  'ngrok-free.app',
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.nz',
  'co.za',
  'com.br',
  'com.cn',
  'com.mx',
  'co.in',
  'co.kr',
  'com.tr',
  'com.sg',
  'com.hk',
  'com.tw',
  'co.il',
  'blogspot.com',
]);

const HOW_TO_WRITE = "write a serialised origin such as 'https://app.example.com'";

/**
 * Parses one pattern of the `origins` list, adding an issue (at `path`) for each problem
 * found. Returns undefined when the pattern is unusable.
 */
export function parseOriginPattern(raw: unknown, path: string, context: PatternContext, issues: IssueList): OriginPattern | undefined {
  if (typeof raw !== 'string') {
    issues.add(path, 'origin-not-string', `expected a string, got ${describeValue(raw)}; ${HOW_TO_WRITE}.`);
    return undefined;
  }
  const refuse = (code: string, message: string): undefined => void issues.add(path, code, message);
  if (raw === '*') {
    return refuse(
      'wildcard-origin-in-list',
      context.credentials
        ? "'*' allows every origin, and browsers refuse credentials with 'Access-Control-Allow-Origin: *'; list the origins that need cookies instead."
        : "'*' cannot stand inside a list; to allow every origin write origins: '*' (not ['*']).",
    );
  }
  if (raw.trim().toLowerCase() === 'null') {
    return refuse(
      'null-origin',
      "the 'null' origin is sent by sandboxed iframes, file: pages and cross-origin redirects, and anyone can make a browser send it, so allowing it allows everyone; remove it and serve the page from a real origin.",
    );
  }
  if (raw.toLowerCase().startsWith('file:')) {
    return refuse('file-origin', "browsers send 'Origin: null' for file: pages, and 'null' cannot be trusted; serve the page from http://localhost instead.");
  }
  const schemeEnd = raw.indexOf('://');
  if (schemeEnd <= 0) {
    return refuse('origin-missing-scheme', `'${raw}' has no scheme; write 'https://${raw.replace(/^\/*/, '')}' (or http:// for local development).`);
  }
  const rest = raw.slice(schemeEnd + 3);
  const slash = rest.search(/[/?#]/);
  if (slash >= 0) {
    const origin = raw.slice(0, schemeEnd + 3 + slash);
    return slash === rest.length - 1 && rest.endsWith('/')
      ? refuse('origin-trailing-slash', `'${raw}' ends with '/', but an Origin header never does; write '${origin}'.`)
      : refuse('origin-has-path', `'${raw}' has a path, query or fragment, but an Origin header is only scheme://host[:port]; write '${origin}'.`);
  }
  if (raw !== raw.toLowerCase()) {
    return refuse(
      'origin-uppercase',
      `'${raw}' has upper-case letters, but browsers send origins in lower case and Corsa compares them byte for byte; write '${raw.toLowerCase()}'.`,
    );
  }
  const scheme = raw.slice(0, schemeEnd);
  if (scheme.includes('*')) {
    return refuse('origin-wildcard-position', `'${raw}': the scheme must be written out (no '*'); list each scheme, e.g. 'https://example.com'.`);
  }
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) {
    return refuse('origin-invalid-scheme', `'${raw}' has an invalid scheme '${scheme}'; ${HOW_TO_WRITE} (no quotes or spaces).`);
  }
  const portColon = rest.startsWith('[') ? rest.indexOf(':', rest.indexOf(']')) : rest.lastIndexOf(':');
  let host = portColon >= 0 ? rest.slice(0, portColon) : rest;
  const portText = portColon >= 0 ? rest.slice(portColon + 1) : '';
  const anyPort = portText === '*';
  const anySubdomain = host.startsWith('*.');
  if (anySubdomain) host = host.slice(2);
  if (host.includes('*') || (portText.includes('*') && !anyPort)) {
    return refuse(
      'origin-wildcard-position',
      `'${raw}': '*' may only be the whole first label ('https://*.example.com': any subdomain) or the whole port ('http://localhost:*'); for anything else use an origins predicate.`,
    );
  }
  if (portColon >= 0 && !anyPort) {
    if (portText === defaultPortOf(scheme)) {
      const origin = `${scheme}://${anySubdomain ? '*.' : ''}${host}`;
      return refuse('origin-default-port', `'${raw}' names the default port, which browsers leave out of the Origin header; write '${origin}'.`);
    }
    if (!/^[1-9][0-9]{0,4}$/.test(portText) || Number(portText) > 65535) {
      return refuse('origin-invalid-port', `'${raw}' has an invalid port '${portText}'; a port is a number from 1 to 65535, or '*' for any port.`);
    }
  }
  const canonicalHost = canonicalHostOf(scheme, host);
  if (canonicalHost === undefined || host === '') {
    return refuse('origin-invalid-host', `'${raw}' has no valid host; ${HOW_TO_WRITE}.`);
  }
  if (canonicalHost !== host) {
    return refuse(
      'origin-not-canonical',
      `'${raw}' is not how browsers write this origin (they send host '${canonicalHost}'); write it that way, since origins are compared byte for byte.`,
    );
  }
  const pattern: OriginPattern = { scheme, host, anySubdomain, port: portText && !anyPort ? `:${portText}` : '', anyPort };
  const sample = `${scheme}://${anySubdomain ? `a.${host}` : host}${pattern.port}`;
  if (scanOrigin(sample) < 0) {
    return refuse('origin-invalid-host', `'${raw}' is not a serialised origin (scheme://host[:port], host of a-z, 0-9, '-', '.'); ${HOW_TO_WRITE}.`);
  }
  if (anySubdomain && isIpAddress(host)) {
    return refuse('origin-wildcard-position', `'${raw}': an IP address has no subdomains; list the address itself.`);
  }
  checkTrust(raw, pattern, path, context, issues);
  return pattern;
}

// The rules that only apply with credentials: no plain-http origins (anyone on the
// network can forge them) and no wildcard under a suffix that strangers can register.
function checkTrust(raw: string, pattern: OriginPattern, path: string, context: PatternContext, issues: IssueList): void {
  if (!context.credentials) return;
  if (pattern.scheme === 'http' && !isLoopback(pattern.host) && !context.allowInsecure) {
    issues.add(
      path,
      'insecure-origin-with-credentials',
      `'${raw}' is plain http, so anyone on the network path can act as this origin and read credentialed responses; use 'https://${raw.slice(7)}', or set dangerouslyAllowInsecureOrigins: true if you accept that risk.`,
    );
  }
  if (pattern.anySubdomain && !isLoopback(pattern.host) && (!pattern.host.includes('.') || SHARED_SUFFIXES.has(pattern.host))) {
    issues.add(
      path,
      'public-suffix-wildcard-with-credentials',
      `'${raw}' trusts every site under '${pattern.host}', where anyone can register a name, with your users' credentials; list your own origins, or use a predicate that checks your own prefix.`,
    );
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

/** `true` for `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]`: hosts browsers treat as secure. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A short description of a value of the wrong type, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return `a RegExp (${String(value)})`;
  if (typeof value === 'string') return `the string '${value}'`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * The compiled `origins` list. Matching costs one Set lookup for exact origins plus, for
 * wildcards, one or two lookups per dot of the request's host: never a loop over the
 * patterns, so 1,000 patterns cost what one does.
 */
export class OriginMatcher {
  readonly #exact = new Set<string>();
  /** scheme → keys: `.example.com` + port (any subdomain), `.example.com` (any subdomain, any port). */
  readonly #subdomains = new Map<string, { fixedPort: Set<string>; anyPort: Set<string> }>();
  /** `scheme://host` of the `:*` patterns. */
  readonly #anyPort = new Set<string>();
  readonly #hasWildcards: boolean;

  constructor(patterns: readonly OriginPattern[]) {
    for (const p of patterns) {
      if (p.anySubdomain) {
        let bucket = this.#subdomains.get(p.scheme);
        if (!bucket) {
          bucket = { fixedPort: new Set(), anyPort: new Set() };
          this.#subdomains.set(p.scheme, bucket);
        }
        if (p.anyPort) bucket.anyPort.add(`.${p.host}`);
        else bucket.fixedPort.add(`.${p.host}${p.port}`);
      } else if (p.anyPort) {
        this.#anyPort.add(`${p.scheme}://${p.host}`);
      } else {
        this.#exact.add(`${p.scheme}://${p.host}${p.port}`);
      }
    }
    this.#hasWildcards = this.#subdomains.size > 0 || this.#anyPort.size > 0;
  }

  /** `true` when `origin` (already length-checked by the caller) matches a pattern. */
  matches(origin: string): boolean {
    if (this.#exact.has(origin)) return true;
    if (!this.#hasWildcards) return false;
    const hostEnd = scanOrigin(origin);
    if (hostEnd < 0) return false;
    if (this.#anyPort.size > 0 && this.#anyPort.has(origin.slice(0, hostEnd))) return true;
    const schemeEnd = origin.indexOf(':');
    const bucket = this.#subdomains.get(origin.slice(0, schemeEnd));
    if (bucket === undefined) return false;
    // Try every suffix that starts at a dot, leaving at least one label in front.
    for (let dot = origin.indexOf('.', schemeEnd + 4); dot > 0 && dot < hostEnd; dot = origin.indexOf('.', dot + 1)) {
      if (bucket.fixedPort.size > 0 && bucket.fixedPort.has(origin.slice(dot))) return true;
      if (bucket.anyPort.size > 0 && bucket.anyPort.has(origin.slice(dot, hostEnd))) return true;
    }
    return false;
  }
}
