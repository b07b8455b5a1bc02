// For the tests only: a store that can be made to fail as a real one does (a throw, a
// rejection, a lookup that never answers), switched over HTTP by PUT /test/fault?mode=….
import type { OriginStore } from '../src/tenants.ts';

export type Fault = 'none' | 'throw' | 'reject' | 'hang';

export function faultyStore(store: OriginStore): { store: OriginStore; handle(request: Request): Response | undefined } {
  let fault: Fault = 'none';
  return {
    store: {
      ...store,
      has: (origin) => {
        if (fault === 'throw') throw new Error('store threw (test fault)');
        if (fault === 'reject') return Promise.reject(new Error('store unavailable (test fault)'));
        if (fault === 'hang') return new Promise<boolean>(() => {});
        return store.has(origin);
      },
    },
    handle(request) {
      const url = new URL(request.url);
      if (url.pathname !== '/test/fault') return undefined;
      fault = (url.searchParams.get('mode') ?? 'none') as Fault;
      return new Response(null, { status: 204 });
    },
  };
}
