// Work a request starts but need not wait for (cachedOrigins refreshing a stale answer),
// kept alive past the response where the runtime would otherwise cancel it: a Worker
// cancels what a finished request left running unless it is given to ctx.waitUntil. The
// adapter that knows the runtime's waitUntil registers it for the request; elsewhere
// (Node, Deno, Bun) the work simply runs on.

import { getMark, setMark } from './marks.js';

type WaitUntil = (work: Promise<unknown>) => void;

const WAIT_UNTIL = Symbol('corsa.waitUntil');

/**
 * Registers the runtime's `waitUntil` for `request` (`@corsa/workers` passes a Worker's
 * `ctx.waitUntil`, `@corsa/hono` Hono's `c.executionCtx.waitUntil` where there is one), so
 * that work started while answering it may outlive its response. Produces no header.
 */
export function keepAliveWith(request: Request, waitUntil: WaitUntil): void {
  setMark(request, WAIT_UNTIL, waitUntil);
}

/** Keeps `work` alive past `request`'s response where the adapter registered a way to. */
export function keepAlive(request: Request | undefined, work: Promise<unknown>): void {
  const waitUntil = request === undefined ? undefined : getMark<WaitUntil>(request, WAIT_UNTIL);
  if (waitUntil === undefined) return;
  try {
    waitUntil(work);
  } catch {
    // the request is already over: the work runs as far as the runtime lets it
  }
}
