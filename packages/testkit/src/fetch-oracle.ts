// The suites' Fetch-standard oracle: the very module `corsa check` judges live servers with
// (packages/cli/src/fetch-standard.ts, browser-fetch.ts), run here against a handler
// in-process. It shares no code with Corsa's core.
import { type BrowserRequest as WalkRequest, walkFetch } from '../../cli/src/browser-fetch.js';
import type { CredentialsMode } from '../../cli/src/fetch-standard.js';

export { type CredentialsMode, corsUnsafeHeaderNames, needsPreflight } from '../../cli/src/fetch-standard.js';

/** What a script asks `fetch()` to do, cross-origin. */
export interface BrowserRequest extends Omit<WalkRequest, 'url' | 'cookie'> {
  /** The API URL. Default `https://api.example/resource`. */
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  credentials?: CredentialsMode;
}

/** How a browser that follows the standard would end the fetch. */
export interface BrowserOutcome {
  ok: boolean;
  /** Why the browser refused (a network error), in the standard's terms. */
  failure?: string;
  /** Where a failure happened: at the preflight (the actual request was never sent) or after. */
  failedAt?: 'preflight' | 'actual' | 'redirect';
  preflighted: boolean;
  /** The response the script sees (absent on a network error). */
  response?: Response;
  /** Lower-case names of response headers the script may read. */
  exposed: ReadonlySet<string>;
}

/**
 * Runs a cross-origin `fetch()` against `serve` the way a browser that follows the
 * standard does: a preflight when one is needed, then the actual request, each judged.
 */
export async function browserFetch(serve: (request: Request) => Promise<Response>, spec: BrowserRequest): Promise<BrowserOutcome> {
  const walk = await walkFetch((sent) => serve(new Request(sent.url, { method: sent.method, headers: sent.headers })), {
    ...spec,
    url: spec.url ?? 'https://api.example/resource',
  });
  return {
    ok: walk.allowed,
    ...(walk.failure ? { failure: `${walk.failure.kind}: ${walk.failure.reason}`, failedAt: walk.failure.step } : {}),
    preflighted: walk.preflighted,
    ...(walk.response ? { response: walk.response as Response } : {}),
    exposed: walk.exposed,
  };
}
