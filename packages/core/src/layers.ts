// Several Corsa layers can see one request: an app wrapped twice, a Hono sub-app with
// its own cors() called with the same Request, withCors around a Hono app that uses
// cors() too. Exactly one policy must answer it, never a mix. The first layer to see a
// request claims it with the policy that answers; a later layer with a policy of the
// same content stands aside, and a later layer with another policy is a configuration
// that cannot mean what its author wrote, so it fails loudly instead of being silently
// overruled. The claims live on the request itself (a property under a private symbol,
// see marks.ts): what else the process holds never changes the outcome.
import { CorsConfigError } from './errors.js';
import { getMark, setMark } from './marks.js';
import { type CorsPolicy, samePolicy } from './policy.js';

interface Claim {
  readonly policy: CorsPolicy;
  /** The layer (or Hono context) that claimed the request. */
  readonly owner: object;
}

/** What a claim is keyed by: a Fetch `Request`, or the runtime's own request object (Node's `IncomingMessage`). */
export interface ClaimedRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
}

const CLAIM = Symbol('corsa.claim');

/** For adapters: a token for one Corsa layer (one withCors call, one cors() middleware), to pass as `owner`. */
export function newLayer(): object {
  return {};
}

/**
 * For adapters: call it before answering `request` with `policy`. Returns `true` when
 * this layer answers (it now owns the request until `releaseRequest`), `false` when an
 * outer Corsa layer already answers it with a policy of the same content (stand aside:
 * run the handler, add nothing). Throws a `CorsConfigError` (code `nested-policies`)
 * when an outer layer answers with a different policy. One `Request` object handed to
 * two independent handlers at once counts as nested: dispatch a copy
 * (`new Request(request)`) to each instead.
 */
export function claimRequest(request: ClaimedRequest, policy: CorsPolicy, owner: object): boolean {
  const claim = getMark<Claim>(request, CLAIM);
  if (claim === undefined) {
    setMark(request, CLAIM, { policy, owner });
    return true;
  }
  if (samePolicy(claim.policy, policy)) return false;
  throw new CorsConfigError([
    {
      path: 'layers',
      code: 'nested-policies',
      message: `two Corsa layers with different policies both handle ${request.method} ${pathOf(request.url ?? '/')}: an outer layer already answers CORS for it, so this inner layer's policy could never apply. Keep one layer and choose the policy per request inside it (withCors((request) => options, handler), or in Hono one cors() per path: the most specific path answers).`,
    },
  ]);
}

// Responses a Corsa layer has answered, with its policy: a request dispatched again with a
// *new* Request object (Hono's app.mount(), a handler calling another app with
// `new Request(url, request)`) carries no claim, but its response comes back through the
// outer layer, which sees that another policy already answered it.
const ANSWERED = Symbol('corsa.answered');

/**
 * For adapters: call it with the response a handler returned, before putting `policy`'s
 * answer on it. Throws `nested-policies` when an inner Corsa layer already answered that
 * response with a different policy; records `policy` as its answerer otherwise. Returns
 * `response` for chaining.
 */
export function answerOnce(response: Response, policy: CorsPolicy, request: ClaimedRequest): Response {
  const previous = getMark<CorsPolicy>(response, ANSWERED);
  if (previous !== undefined && !samePolicy(previous, policy)) {
    throw new CorsConfigError([
      {
        path: 'layers',
        code: 'nested-policies',
        message: `two Corsa layers with different policies both answered ${request.method} ${pathOf(request.url ?? '/')}: an inner layer (reached with a new Request, as app.mount() or a re-dispatch makes) answered with its policy and this outer layer would overwrite it. Keep one layer and choose the policy per request inside it (in Hono: one app, one cors() per path; or mount the inner app without a cors() of its own).`,
      },
    ]);
  }
  setMark(response, ANSWERED, policy);
  return response;
}

/**
 * For adapters: ends `owner`'s claim once its answer is complete (in a `finally`), so
 * that the same `Request` object dispatched again later is answered afresh.
 */
export function releaseRequest(request: ClaimedRequest, owner: object): void {
  if (getMark<Claim>(request, CLAIM)?.owner === owner) setMark(request, CLAIM, undefined);
}

function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}
