// What each browser engine prints to its console when it blocks a cross-origin fetch,
// quoted from captures in Chromium 156, Firefox 153 ESR and WebKitGTK 2.50. The browser
// suite (packages/browser/src/cli-agreement.test.ts) provokes every kind against real
// servers in all three engines and fails when the message rendered here is not among
// what the engine printed. The README's troubleshooting table is rendered from here too.
import type { FailedStep } from './browser-fetch.js';
import type { EngineName } from './engine-facts.js';
import type { CorsCheckKind, FailureKind } from './fetch-standard.js';

const CORS_CHECK_KINDS: ReadonlySet<FailureKind> = new Set<CorsCheckKind>([
  'no-allow-origin',
  'allow-origin-mismatch',
  'multiple-allow-origin',
  'wildcard-with-credentials',
  'credentials-not-allowed',
]);

/** Chromium: after "Access to fetch at … has been blocked by CORS policy: ". */
const CHROMIUM: Readonly<Record<FailureKind, ((f: FailedStep) => string) | null>> = {
  'no-allow-origin': () => "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
  'allow-origin-mismatch': (f) =>
    `The 'Access-Control-Allow-Origin' header has a value '${f.value}' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
  'multiple-allow-origin': (f) =>
    `The 'Access-Control-Allow-Origin' header contains multiple values '${f.value}', but only one is allowed. Have the server send the header with a valid value.`,
  'wildcard-with-credentials': () =>
    "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
  'credentials-not-allowed': (f) =>
    `The value of the 'Access-Control-Allow-Credentials' header in the response is '${f.value}' which must be 'true' when the request's credentials mode is 'include'.`,
  'preflight-status': () => 'It does not have HTTP ok status.',
  'preflight-redirect': () => 'Redirect is not allowed for a preflight request.',
  'invalid-allow-methods': () => 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.',
  'invalid-allow-headers': () => 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.',
  'method-not-allowed': (f) => `Method ${f.method} is not allowed by Access-Control-Allow-Methods in preflight response.`,
  'header-not-allowed': (f) => `Request header field ${f.header?.toLowerCase()} is not allowed by Access-Control-Allow-Headers in preflight response.`,
  // Chromium prints the location as '' (measured).
  'redirect-with-credentials': () => "Redirect location '' contains a username and password, which is disallowed for cross-origin requests.",
  'redirect-not-http': null,
  'too-many-redirects': null,
  // Not a CORS message: see engineMessage.
  'network-error': null,
};

/** Firefox: the "(Reason: …)" part, and whether the status code follows. */
const FIREFOX: Readonly<Record<FailureKind, ((f: FailedStep) => string) | null>> = {
  'no-allow-origin': (f) => `CORS header ‘Access-Control-Allow-Origin’ missing). Status code: ${f.status}.`,
  'allow-origin-mismatch': (f) => `CORS header ‘Access-Control-Allow-Origin’ does not match ‘${f.value}’).`,
  // Firefox counts the lines spelled exactly `Access-Control-Allow-Origin`: two or more are
  // "Multiple"; one line holding a list, or lines spelled otherwise, "does not match" (measured).
  'multiple-allow-origin': (f) =>
    (f.allowOriginNames ?? []).filter((name) => name === 'Access-Control-Allow-Origin').length > 1
      ? 'Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).'
      : `CORS header ‘Access-Control-Allow-Origin’ does not match ‘${f.value}’).`,
  'wildcard-with-credentials': () => 'Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
  'credentials-not-allowed': () => 'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).',
  'preflight-status': (f) => `CORS preflight response did not succeed). Status code: ${f.status}.`,
  'preflight-redirect': () => 'CORS request external redirect not allowed).',
  'invalid-allow-methods': (f) => `invalid token ‘${f.invalidItem}’ in CORS header ‘Access-Control-Allow-Methods’).`,
  'invalid-allow-headers': (f) => `invalid token ‘${f.invalidItem}’ in CORS header ‘Access-Control-Allow-Headers’).`,
  'method-not-allowed': () => 'Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
  'header-not-allowed': (f) =>
    `header ‘${f.header?.toLowerCase()}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
  // Firefox names no reason for this one, only that the request did not succeed (measured).
  'redirect-with-credentials': () => 'CORS request did not succeed). Status code: (null).',
  'redirect-not-http': null,
  'too-many-redirects': null,
  // A response with a NUL byte in a header (measured).
  'network-error': () => 'CORS request did not succeed). Status code: (null).',
};

/** WebKit: the whole message. */
const WEBKIT: Readonly<Record<FailureKind, ((f: FailedStep) => string) | null>> = {
  'no-allow-origin': (f) => `Origin ${f.origin} is not allowed by Access-Control-Allow-Origin. Status code: ${f.status}`,
  'allow-origin-mismatch': (f) => `Origin ${f.origin} is not allowed by Access-Control-Allow-Origin. Status code: ${f.status}`,
  'multiple-allow-origin': () => 'Access-Control-Allow-Origin cannot contain more than one origin.',
  'wildcard-with-credentials': () => 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
  'credentials-not-allowed': () => 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
  'preflight-status': (f) => `Preflight response is not successful. Status code: ${f.status}`,
  'preflight-redirect': (f) => `Preflight response is not successful. Status code: ${f.status}`,
  'invalid-allow-methods': (f) => `Header Access-Control-Allow-Methods has an invalid value: ${f.value}`,
  'invalid-allow-headers': (f) => `Header Access-Control-Allow-Headers has an invalid value: ${f.value}`,
  'method-not-allowed': (f) => `Method ${f.method} is not allowed by Access-Control-Allow-Methods.`,
  'header-not-allowed': (f) => `Request header field ${webkitHeaderName(f.header ?? '')} is not allowed by Access-Control-Allow-Headers.`,
  'redirect-with-credentials': (f) => `${webkitRedirectPrefix(f, withoutCredentials(f.location))}redirection URL ${f.location} has credentials`,
  'redirect-not-http': null,
  'too-many-redirects': null,
  // WebKit prints nothing for a response with a NUL byte in a header: the script's TypeError
  // ("Load failed") is all there is (measured; NO_CONSOLE_MESSAGE says so).
  'network-error': null,
};

/** WebKit writes the headers it knows by their canonical names, any other as the script did (measured). */
const WEBKIT_CANONICAL: Readonly<Record<string, string>> = { authorization: 'Authorization', 'content-type': 'Content-Type' };

function webkitHeaderName(name: string): string {
  return WEBKIT_CANONICAL[name.toLowerCase()] ?? name;
}

function webkitRedirectPrefix(f: FailedStep, location = f.location): string {
  return `Cross-origin redirection to ${location} denied by Cross-Origin Resource Sharing policy: `;
}

function withoutCredentials(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** Failures after which `engine` prints nothing to its console (measured): the script's TypeError is all. */
export const NO_CONSOLE_MESSAGE: Readonly<Record<EngineName, readonly FailureKind[]>> = { chromium: [], firefox: [], webkit: ['network-error'] };

/**
 * The console message `engine` prints for `failure`, or null when it prints none
 * (NO_CONSOLE_MESSAGE) or it has not been captured (Corsa never invents one).
 */
export function engineMessage(engine: EngineName, failure: FailedStep): string | null {
  switch (engine) {
    case 'chromium': {
      // A response Chromium's HTTP parser refuses (a NUL byte in a header) fails before CORS (measured).
      if (failure.kind === 'network-error') return 'Failed to load resource: net::ERR_INVALID_HTTP_RESPONSE';
      // Chromium calls a value with a space in it "multiple values" too (Apache's `Header set … "a b"`; measured).
      const kind = failure.kind === 'allow-origin-mismatch' && failure.value?.includes(' ') ? 'multiple-allow-origin' : failure.kind;
      const reason = CHROMIUM[kind]?.(failure);
      if (reason === undefined) return null;
      const redirected = failure.url !== failure.firstUrl ? ` (redirected from '${failure.firstUrl}')` : '';
      const preflight =
        failure.step === 'preflight' && (CORS_CHECK_KINDS.has(failure.kind) || failure.kind === 'preflight-status' || failure.kind === 'preflight-redirect')
          ? "Response to preflight request doesn't pass access control check: "
          : '';
      return `Access to fetch at '${failure.url}'${redirected} from origin '${failure.pageOrigin}' has been blocked by CORS policy: ${preflight}${reason}`;
    }
    case 'firefox': {
      const reason = FIREFOX[failure.kind]?.(failure);
      if (reason === undefined) return null;
      // Only this message quotes the URL (measured).
      const url = failure.kind === 'wildcard-with-credentials' ? `‘${failure.url}’` : failure.url;
      return `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. (Reason: ${reason}`;
    }
    case 'webkit': {
      const message = WEBKIT[failure.kind]?.(failure);
      if (message === undefined) return null;
      return failure.step === 'redirect' && CORS_CHECK_KINDS.has(failure.kind) ? `${webkitRedirectPrefix(failure)}${message}` : message;
    }
  }
}

/** What a blocked fetch() throws in the page's script, per engine. */
export const BLOCKED_FETCH_ERRORS: Readonly<Record<EngineName, string>> = {
  chromium: 'TypeError: Failed to fetch',
  firefox: 'TypeError: NetworkError when attempting to fetch resource.',
  webkit: 'TypeError: Load failed',
};
