// `corsa check`: one concrete fetch() against a live server, walked as each engine walks
// it (the standard's checks plus that engine's measured deviations), with the step that
// failed, each engine's console message and the fix.

import { STATUS_CODES } from 'node:http';
import { type BrowserRequest, type FailedStep, type SentRequest, type Walk, walkFetch } from './browser-fetch.js';
import { ENGINE_FACTS, ENGINES, type EngineName } from './engine-facts.js';
import { engineMessage } from './engine-messages.js';
import { type CheckFailure, corsUnsafeHeaderNames, preflightProblems, whyPreflight } from './fetch-standard.js';
import { devProxyAdvice, type Fix, fixFor } from './fixes.js';
import { type HttpResponse, send } from './http-send.js';
import { diagnoseSilentRefusal, isSilentRefusal, type SilentRefusal } from './silent-refusal.js';
import { recogniseStacks, type Stack, type StackName } from './stack.js';

export interface CheckOptions {
  /** Per request. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** The server's stack, when its headers do not say (`--stack`). */
  readonly stack?: StackName;
}

/** An exchange as reported: what was sent, what came back. */
export interface ReportedExchange {
  readonly step: 'preflight' | 'actual';
  /** What was sent; a body only as its size (reports get pasted into issues and CI logs). */
  readonly sent: Omit<SentRequest, 'body'> & { readonly bodyBytes?: number };
  readonly received: { readonly status: number; readonly headers: readonly (readonly [string, string])[]; readonly bodyStart: string };
}

export interface EngineVerdict {
  readonly allowed: boolean;
  /** What the engine prints to its console; null when allowed, or when not captured for this failure. */
  readonly message: string | null;
  readonly failure: FailedStep | null;
}

export interface CheckResult {
  /** True only when every engine allows the request. */
  readonly allowed: boolean;
  /** The request checked; its body only as its size. */
  readonly request: Omit<BrowserRequest, 'body'> & { readonly bodyBytes?: number };
  readonly engines: Readonly<Record<EngineName, EngineVerdict>>;
  /** The Fetch standard's verdict, where it differs from the engines' (e.g. `*` and Authorization). */
  readonly standard: { readonly allowed: boolean; readonly failure: FailedStep | null };
  /** Why the request needs a preflight; null when it needs none. */
  readonly preflightReason: string | null;
  /** The first preflight: null when none was needed. */
  readonly preflight: ReportedExchange | null;
  /** The first actual request: null when a failed preflight stopped it. */
  readonly actual: ReportedExchange | null;
  /** Every exchange in order, redirects and re-preflights included. */
  readonly exchanges: readonly ReportedExchange[];
  /** The first failure of an engine (or null), with its fix. */
  readonly failure: (FailedStep & { readonly engines: readonly EngineName[]; readonly fix: Fix }) | null;
  readonly stacks: readonly Stack[];
  /**
   * A preflight refused in silence (2xx, no Access-Control-* header): the cause, found by
   * asking again with one thing changed at a time, and those extra preflights. Null otherwise.
   */
  readonly silentRefusal: SilentRefusal | null;
  /** Things worth knowing that are not failures. */
  readonly notes: readonly string[];
}

/**
 * Whether a response's first bytes go into the report: only from the origin the user
 * named and only when no cookie was sent. A redirect target's body, or what a cookie
 * unlocked, is data the page could not read and the user did not ask to see (reports
 * get pasted into issues and CI logs).
 */
function bodyShown(sent: SentRequest, request: BrowserRequest): boolean {
  return new URL(sent.url).origin === new URL(request.url).origin && !Object.keys(sent.headers).some((name) => name.toLowerCase() === 'cookie');
}

/** Runs the check. Rejects with a NetworkError when the server cannot be reached. */
export async function check(request: BrowserRequest, options: CheckOptions = {}): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // The same request is sent once, whichever engine walks it.
  const sentOnce = new Map<string, Promise<HttpResponse>>();
  const order: { sent: SentRequest; response: Promise<HttpResponse> }[] = [];
  const memoSend = (sent: SentRequest) => {
    const key = JSON.stringify([sent.method, sent.url, Object.entries(sent.headers).sort(), sent.body ?? null]);
    let response = sentOnce.get(key);
    if (response === undefined) {
      response = send(sent, timeoutMs);
      sentOnce.set(key, response);
      order.push({ sent, response });
    }
    return response;
  };
  // Sequentially: a server sees the requests in the order a browser sends them.
  const walks = {} as Record<EngineName, Walk>;
  for (const engine of ENGINES) walks[engine] = await walkFetch(memoSend, request, engine);
  const standard = await walkFetch(memoSend, request);

  const answered = await Promise.all(order.map(async (entry) => ({ sent: entry.sent, response: await entry.response })));
  const responses = answered.map((entry) => entry.response);
  const exchanges: ReportedExchange[] = answered.map(({ sent: { body, ...sent }, response }) => ({
    step: stepOf(sent),
    sent: body === undefined ? sent : { ...sent, bodyBytes: Buffer.byteLength(body) },
    received: { status: response.status, headers: response.lines, bodyStart: bodyShown(sent, request) ? response.bodyStart : '' },
  }));
  const stacks: Stack[] = options.stack ? [{ name: options.stack, evidence: '--stack' }] : recogniseStacks(responses);

  const engines = Object.fromEntries(
    ENGINES.map((engine) => {
      const failure = walks[engine].failure ?? null;
      return [engine, { allowed: walks[engine].allowed, message: failure ? engineMessage(engine, failure) : null, failure }];
    }),
  ) as Record<EngineName, EngineVerdict>;
  const blockedBy = ENGINES.filter((engine) => !engines[engine].allowed);
  const firstBlocking = blockedBy[0];
  const first = firstBlocking === undefined ? null : engines[firstBlocking].failure;
  const failedResponse = first ? responseOf(first, answered) : undefined;
  const silentRefusal =
    first && isSilentRefusal(first, failedResponse)
      ? // Extra questions, not the verdict: a server that stops answering them leaves the diagnosis out.
        await diagnoseSilentRefusal(first, (sent) => send(sent, timeoutMs), corsUnsafeHeaderNames(first.requestHeaders)).catch(() => null)
      : null;

  const notes: string[] = [];
  if (standard.failure && blockedBy.length === 0) {
    notes.push(`Allowed by today's engines, but not by the Fetch standard: ${standard.failure.reason}. Engines may follow the standard one day; fix it now.`);
  }
  // Allowed, but the server answered an error: the page reads that status; it is not CORS.
  const finalStatus = walks[ENGINES[0] as EngineName].response?.status;
  if (blockedBy.length === 0 && finalStatus !== undefined && finalStatus >= 400) {
    notes.push(
      `The server answered ${finalStatus}${STATUS_CODES[finalStatus] ? ` ${STATUS_CODES[finalStatus]}` : ''}: an error of the server, not of CORS — the page can read it (look at the server's logs).`,
    );
  }
  const advice = devProxyAdvice(request);
  if (advice) notes.push(advice);

  const method = request.method ?? 'GET';
  return {
    allowed: blockedBy.length === 0,
    request: withBodySize(request),
    engines,
    standard: { allowed: standard.allowed, failure: standard.failure ?? null },
    preflightReason: whyPreflight(method, request.headers ?? {}) ?? null,
    preflight: exchanges.find((exchange) => exchange.step === 'preflight') ?? null,
    actual: exchanges.find((exchange) => exchange.step === 'actual') ?? null,
    exchanges,
    failure:
      first && firstBlocking
        ? {
            ...first,
            engines: blockedBy,
            fix: fixFor(
              first,
              problemsOf(first, request, firstBlocking, failedResponse),
              request,
              stacks,
              failedResponse?.bodyStart,
              failedResponse?.headers.get('corsa-refusal'),
              silentRefusal?.diagnosis,
            ),
          }
        : null,
    stacks,
    silentRefusal,
    notes,
  };
}

/** A preflight is an OPTIONS carrying Access-Control-Request-Method; anything else, an OPTIONS the script sent included, is a request. */
function withBodySize({ body, ...request }: BrowserRequest): CheckResult['request'] {
  return body === undefined ? request : { ...request, bodyBytes: Buffer.byteLength(body) };
}

function stepOf(sent: SentRequest): ReportedExchange['step'] {
  return sent.method === 'OPTIONS' && 'access-control-request-method' in sent.headers ? 'preflight' : 'actual';
}

/** The response that failed: the last exchange of the failed step's kind to the failed URL. */
function responseOf(failure: FailedStep, answered: readonly { sent: SentRequest; response: HttpResponse }[]): HttpResponse | undefined {
  const step = failure.step === 'preflight' ? 'preflight' : 'actual';
  const matching = answered.filter(({ sent }) => sent.url === failure.url && stepOf(sent) === step);
  return matching.at(-1)?.response;
}

/** Every problem of the failed answer: all of a preflight's, or the one of any other step. */
function problemsOf(failure: FailedStep, request: BrowserRequest, engine: EngineName, response: HttpResponse | undefined): CheckFailure[] {
  if (failure.step !== 'preflight' || response === undefined) return [failure];
  const question = { origin: failure.origin, method: failure.method, headers: failure.requestHeaders, credentials: request.credentials ?? 'same-origin' };
  const problems = preflightProblems(question, response.status, response.headers, ENGINE_FACTS[engine].preflight);
  return problems.length > 0 ? problems : [failure];
}
