// fetch() run inside a page, as the page's script would run it: what the script sees,
// or the error the browser threw (a blocked CORS request is a TypeError).
import type { Page } from 'playwright-core';

export interface FetchResult {
  ok: boolean;
  error?: string;
  status?: number;
  body?: string;
  headers?: Record<string, string | null>;
}

/** Runs fetch(url, init) in the page; reads the named response headers as the script sees them. */
export function fetchIn(page: Page, url: string, init: RequestInit = {}, read: string[] = []): Promise<FetchResult> {
  return page.evaluate(
    async ({ url, init, read }) => {
      try {
        const response = await fetch(url, init);
        const headers: Record<string, string | null> = {};
        for (const name of read) headers[name] = response.headers.get(name);
        return { ok: true, status: response.status, body: await response.text(), headers };
      } catch (error) {
        return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
      }
    },
    { url, init: init as Record<string, unknown>, read },
  );
}
