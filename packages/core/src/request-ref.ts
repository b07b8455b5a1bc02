// What a CORS answer needs of the request besides four headers: its URL (to tell a
// same-origin request from a refused one) and, for a predicate or onRefusal, the Request.

/**
 * For adapters whose runtime hands them no Fetch `Request` (Node's `IncomingMessage`):
 * the request's URL, read only to tell a same-origin request from a refused one, and the
 * `Request` itself, built only when an origins predicate or `onRefusal` needs one.
 */
export interface LazyRequest {
  readonly url: string;
  request(): Request;
}

/** A `Request`, or a `LazyRequest` standing in for one. */
export type RequestRef = Request | LazyRequest;

/** The `Request` behind `ref`, built now if it is a `LazyRequest`. */
export function fetchRequestOf(ref: RequestRef): Request {
  return ref instanceof Request ? ref : ref.request();
}
