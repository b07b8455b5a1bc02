// A preflight refused in silence: a 2xx with no Access-Control-* header at all (rs/cors,
// django-cors-headers and others answer every preflight they refuse that way, whatever
// the cause). The answer cannot say whether the origin, the method or a header was
// refused, so `corsa check` asks the server again, changing one thing at a time, and
// names the cause instead of guessing "origin not allowed".
import type { FailedStep, SentRequest } from './browser-fetch.js';
import type { HttpResponse } from './http-send.js';

export type SilentCause =
  | { readonly cause: 'origin' }
  | { readonly cause: 'method'; readonly method: string }
  | { readonly cause: 'headers'; readonly headers: readonly string[] };

export interface SilentRefusal {
  readonly diagnosis: SilentCause;
  /** The preflights sent to find it (none of them a browser would send), in order. */
  readonly probes: readonly { readonly sent: SentRequest; readonly allowed: boolean }[];
}

/** At most this many headers are asked about one by one. */
const MAX_HEADER_PROBES = 8;

/** Whether `response` to a preflight is a silent refusal: a 2xx without any Access-Control-* header. */
export function isSilentRefusal(failure: FailedStep, response: HttpResponse | undefined): boolean {
  if (failure.step !== 'preflight' || failure.kind !== 'no-allow-origin' || response === undefined) return false;
  if (response.status < 200 || response.status > 299) return false;
  return ![...response.headers.keys()].some((name) => name.startsWith('access-control-'));
}

/**
 * Asks again: a preflight for GET with no headers (is the origin allowed at all?), then the
 * method alone (is it the method?), then each header alone (which ones?). A question is
 * answered yes when Access-Control-Allow-Origin comes back.
 */
export async function diagnoseSilentRefusal(
  failure: FailedStep,
  send: (sent: SentRequest) => Promise<HttpResponse>,
  unsafeHeaders: readonly string[],
): Promise<SilentRefusal> {
  const probes: { sent: SentRequest; allowed: boolean }[] = [];
  const ask = async (method: string, headers: readonly string[]) => {
    const sent: SentRequest = {
      method: 'OPTIONS',
      url: failure.url,
      headers: {
        accept: '*/*',
        origin: failure.origin,
        'access-control-request-method': method,
        ...(headers.length > 0 ? { 'access-control-request-headers': headers.join(',') } : {}),
      },
    };
    const response = await send(sent);
    const allowed = response.headers.has('access-control-allow-origin');
    probes.push({ sent, allowed });
    return allowed;
  };
  if (!(await ask('GET', []))) return { diagnosis: { cause: 'origin' }, probes };
  if (unsafeHeaders.length === 0 || !(await ask(failure.method, []))) return { diagnosis: { cause: 'method', method: failure.method }, probes };
  const refused: string[] = [];
  for (const header of unsafeHeaders.slice(0, MAX_HEADER_PROBES)) if (!(await ask(failure.method, [header]))) refused.push(header);
  return { diagnosis: { cause: 'headers', headers: refused.length > 0 ? refused : [...unsafeHeaders] }, probes };
}

/** The diagnosis in a sentence, after "The preflight (OPTIONS) got 2xx and no CORS header at all: ". */
export function describeSilentCause(diagnosis: SilentCause, origin: string): string {
  switch (diagnosis.cause) {
    case 'origin':
      return `the server does not allow ${origin} (asked again for a plain GET from it: still no CORS header).`;
    case 'method':
      return `the server allows ${origin} (a preflight for GET from it is answered) but refused the method ${diagnosis.method}: allow it.`;
    case 'headers':
      return `the server allows ${origin} and the method, but refused the request header${diagnosis.headers.length > 1 ? 's' : ''} ${diagnosis.headers.join(', ')} (asked one by one): allow ${diagnosis.headers.length > 1 ? 'them' : 'it'}.`;
  }
}
