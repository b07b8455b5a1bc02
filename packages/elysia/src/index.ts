// Corsa for Elysia (on Bun): `new Elysia().use(cors(source))`. Elysia builds every response
// from the context's `set` (status, headers) unless the handler returns a `Response`, and
// merges `set.headers` into a returned `Response` only where it lacks a header of that name.
// So the answer is written twice: into `set.headers` when the request arrives (onRequest,
// before routing: every response Elysia makes — a handler's value, a 404, an onError
// response, a validation error — then carries it), and onto the final response in a global
// mapResponse hook (a handler's own `Response`, or `set.headers` a handler changed): the
// CORS headers are exactly Corsa's answer.
import {
  answerOnce,
  applyCorsList,
  type CheckedPolicySource,
  type CorsHeaderList,
  type CorsPolicy,
  claimRequest,
  evaluateCorsFrom,
  isCorsHeaderName,
  mergeVary,
  newLayer,
  type PolicySource,
  policyResolver,
  readRequestHeader,
  releaseRequest,
} from '@corsa/core';
import { Elysia, type PreContext } from 'elysia';

export type { CorsOptions, CorsPolicy } from '@corsa/core';

/** What a function source gets: Elysia's context before routing (`request`, `server`, `store`, `set`). */
export type CorsaContext = PreContext;

/** A request's answer, kept from onRequest to mapResponse. */
interface Answered {
  readonly policy: CorsPolicy;
  readonly answer: CorsHeaderList;
}

/**
 * Corsa as an Elysia plugin:
 *
 * ```ts
 * new Elysia().use(cors({ origins: ['https://app.example.com'], credentials: true })).get('/', () => 'hi').listen(3000);
 * ```
 *
 * - A preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) is answered before
 *   routing, whatever routes exist: allowed → `preflightStatus` (204) with
 *   `Access-Control-Allow-Origin`, `-Credentials`, `-Methods`, `-Headers`, `-Max-Age`,
 *   `Vary`; refused → 403 with no `Access-Control-*` header. No handler runs.
 * - Every other response — a handler's value or `Response`, Elysia's 404, what `onError`
 *   answers, a validation error — gets `Access-Control-Allow-Origin`, `-Credentials`,
 *   `-Expose-Headers` for an allowed origin and `Vary: Origin`, and loses any other
 *   `Access-Control-*` header a handler or a proxied upstream set.
 * - Errors stay Elysia's: a handler that throws goes to your `onError` hooks (or Elysia's
 *   500), and that response carries the CORS answer. The policy's `onError` option is not
 *   used here (Elysia's `onError` is where errors are answered).
 *
 * `source`: options (validated here: a bad one throws a `CorsConfigError`; written in
 * place, a mistake is a type error naming the fix), a policy, or `(context) => options |
 * policy` (Elysia's context before routing: `request`, `store`, `server`), compiled once
 * per distinct content. Register it before the routes it covers (`.use(cors(…))` first):
 * Elysia applies a global hook to the routes added after it.
 */
export function cors<const S extends PolicySource<CorsaContext> = PolicySource<CorsaContext>>(source: CheckedPolicySource<S, CorsaContext>) {
  const policyFor = policyResolver(source as unknown as PolicySource<CorsaContext>);
  const layer = newLayer();
  const answered = new WeakMap<Request, Answered>();
  return (
    // No `name`: Elysia would deduplicate two cors() plugins by it; Corsa's own layer claims
    // decide instead (the same policy twice answers once; two policies are an error).
    new Elysia()
      .onRequest(async (context) => {
        const { request, set } = context;
        const policy = policyFor(context);
        if (!claimRequest(request, policy, layer)) return;
        let answer = evaluateCorsFrom(policy, request, request.method, request, readRequestHeader);
        if (answer instanceof Promise) answer = await answer; // only an async predicate's answer is a Promise
        if (answer instanceof Response) {
          releaseRequest(request, layer);
          return answer;
        }
        answered.set(request, { policy, answer });
        ownHeaders(set.headers as Record<string, string>, answer);
      })
      .mapResponse({ as: 'global' }, ({ request, responseValue, set }) => {
        const state = answered.get(request);
        if (state === undefined) return;
        releaseRequest(request, layer);
        if (responseValue instanceof Response) return applyCorsList(answerOnce(responseValue, state.policy, request), state.answer);
        // A value: Elysia makes the response from set.headers, which the handler may have changed.
        ownHeaders(set.headers as Record<string, string>, state.answer);
        return undefined;
      })
  );
}

/** `headers` (Elysia's `set.headers`) with every `Access-Control-*` header replaced by the answer's, and `Vary` merged. */
function ownHeaders(headers: Record<string, string>, answer: CorsHeaderList): void {
  let vary: string | null = null;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'vary') {
      vary = String(headers[name]);
      delete headers[name];
    } else if (isCorsHeaderName(lower)) delete headers[name];
  }
  if (vary !== null) headers.vary = vary;
  for (const [name, value] of answer) headers[name] = name === 'vary' ? mergeVary(vary, value) : value;
}
