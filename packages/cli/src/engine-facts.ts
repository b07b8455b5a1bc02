// Where each browser engine departs from the Fetch standard, as measured on Chromium 156,
// Firefox 153 ESR and WebKitGTK 2.50 (packages/browser: browser.test.ts pins the
// Authorization deviation, cli-agreement.test.ts runs every case in all three and fails
// when the CLI's verdict or message differs from the engine's). Only measured facts.
import type { PreflightDeviations } from './fetch-standard.js';

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** How people know each engine. */
export const ENGINE_LABELS: Readonly<Record<EngineName, string>> = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

export interface EngineProfile {
  readonly preflight: PreflightDeviations;
  /** Keeps `Authorization` when a redirect goes to another origin (the standard removes it). */
  readonly keepsAuthorizationOnCrossOriginRedirect: boolean;
}

/** The standard itself, for the suites' oracle and for "the standard says" notes. */
export const STANDARD: EngineProfile = { preflight: {}, keepsAuthorizationOnCrossOriginRedirect: false };

export const ENGINE_FACTS: Readonly<Record<EngineName, EngineProfile>> = {
  chromium: {
    // `*` covers Authorization (the standard-strict switch CorsNonWildcardRequestHeadersSupport turns it off).
    // A 3xx preflight is reported as a redirect before the CORS check runs.
    preflight: { wildcardCoversAuthorization: true, order: ['redirect', 'cors', 'status'] },
    keepsAuthorizationOnCrossOriginRedirect: false,
  },
  firefox: {
    // `*` covers Authorization (network.cors_preflight.authorization_covered_by_wildcard).
    preflight: { wildcardCoversAuthorization: true, order: ['cors', 'redirect', 'status'] },
    keepsAuthorizationOnCrossOriginRedirect: false,
  },
  webkit: {
    // `*` covers Authorization; any non-2xx preflight fails on its status before the CORS check;
    // Authorization survives a cross-origin redirect (and is then preflighted at the new origin).
    preflight: { wildcardCoversAuthorization: true, order: ['status', 'cors'] },
    keepsAuthorizationOnCrossOriginRedirect: true,
  },
};
