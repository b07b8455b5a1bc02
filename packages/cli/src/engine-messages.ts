// What each browser engine prints to its console when it blocks a cross-origin fetch, per
// kind of failure: quoted from captures (packages/browser/src/messages.test.ts provokes
// every kind in Chromium 156, Firefox 153 ESR and WebKitGTK 2.50 and fails if a template
// no longer matches what the engine prints). The README's troubleshooting table quotes
// these templates, and `corsa check` prints them.
//
// Placeholders: {url} the fetched URL, {origin} the page's origin, {value} the header value
// the server sent, {status} the response status, {method}, {header} what the script asked for.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** The kinds of failure, as `corsa check` names them. */
export type FailureKind =
  | 'no-allow-origin'
  | 'allow-origin-mismatch'
  | 'multiple-allow-origin'
  | 'wildcard-with-credentials'
  | 'credentials-not-allowed'
  | 'preflight-refused'
  | 'preflight-status'
  | 'method-not-allowed'
  | 'header-not-allowed';

const CHROMIUM = "Access to fetch at '{url}' from origin '{origin}' has been blocked by CORS policy: ";
const FIREFOX = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: ';

export const ENGINE_MESSAGES: Readonly<Record<FailureKind, Readonly<Record<EngineName, string>>>> = {
  'no-allow-origin': {
    chromium: `${CHROMIUM}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    firefox: `${FIREFOX}CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}.`,
    webkit: 'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
  },
  'allow-origin-mismatch': {
    chromium: `${CHROMIUM}The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
    firefox: `${FIREFOX}CORS header ‘Access-Control-Allow-Origin’ does not match ‘{value}’).`,
    webkit: 'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
  },
  'multiple-allow-origin': {
    chromium: `${CHROMIUM}The 'Access-Control-Allow-Origin' header contains multiple values '{value}', but only one is allowed. Have the server send the header with a valid value.`,
    firefox: `${FIREFOX}CORS header ‘Access-Control-Allow-Origin’ does not match ‘{value}’).`,
    webkit: 'Access-Control-Allow-Origin cannot contain more than one origin.',
  },
  'wildcard-with-credentials': {
    chromium: `${CHROMIUM}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
    firefox:
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    webkit: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
  },
  'credentials-not-allowed': {
    chromium: `${CHROMIUM}The value of the 'Access-Control-Allow-Credentials' header in the response is '{value}' which must be 'true' when the request's credentials mode is 'include'.`,
    firefox: `${FIREFOX}expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
    webkit: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
  },
  'preflight-refused': {
    chromium: `${CHROMIUM}Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    firefox: `${FIREFOX}CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}.`,
    webkit: 'Preflight response is not successful. Status code: {status}',
  },
  'preflight-status': {
    chromium: `${CHROMIUM}Response to preflight request doesn't pass access control check: It does not have HTTP ok status.`,
    firefox: `${FIREFOX}CORS preflight response did not succeed). Status code: {status}.`,
    webkit: 'Preflight response is not successful. Status code: {status}',
  },
  'method-not-allowed': {
    chromium: `${CHROMIUM}Method {method} is not allowed by Access-Control-Allow-Methods in preflight response.`,
    firefox: `${FIREFOX}Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
    webkit: 'Method {method} is not allowed by Access-Control-Allow-Methods.',
  },
  'header-not-allowed': {
    chromium: `${CHROMIUM}Request header field {header} is not allowed by Access-Control-Allow-Headers in preflight response.`,
    firefox: `${FIREFOX}header ‘{header}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    webkit: 'Request header field {header} is not allowed by Access-Control-Allow-Headers.',
  },
};

/** What a blocked fetch() throws in the page's script, per engine. */
export const BLOCKED_FETCH_ERRORS: Readonly<Record<EngineName, string>> = {
  chromium: 'TypeError: Failed to fetch',
  firefox: 'TypeError: NetworkError when attempting to fetch resource.',
  webkit: 'TypeError: Load failed',
};

/** A template with its placeholders filled in (missing values stay as placeholders). */
export function renderMessage(
  template: string,
  values: Partial<Record<'url' | 'origin' | 'value' | 'status' | 'method' | 'header', string | undefined>>,
): string {
  return template.replace(/\{(url|origin|value|status|method|header)\}/g, (all, key: keyof typeof values) => values[key] ?? all);
}
