// What the tenants API promises, over HTTP, whatever runtime and store serve it: origins
// gained and lost through the admin routes at once, one store read per origin however many
// requests wait, bounded memory under a flood of strangers, another writer's change seen
// within the TTL, a failing store refusing (fail closed) and retried after its back-off,
// the policy swapped whole. The servers run with TENANT_TTL_MS=1000 and TENANT_MAX=1000.
import { Agent, get as httpGet } from 'node:http';
import type { RunningServer } from '@corsa/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export const TEST_VARS = { ADMIN_TOKEN: 'test-admin-token-0123456789', TENANT_TTL_MS: '1000', TENANT_MAX: '1000' } as const;
const ADMIN = { authorization: `Bearer ${TEST_VARS.ADMIN_TOKEN}` };

export interface TenantServer extends RunningServer {
  /** Adds `origin` to the store (or, with `false`, removes it) behind this server's back: another instance, the dashboard. */
  writeBehind(origin: string, allowed?: boolean): Promise<void>;
}

let counter = 0;
/** A tenant origin no other test uses. */
const freshOrigin = () => `https://tenant-${Date.now().toString(36)}-${++counter}.example`;

export function runTenantScenarios(name: string, start: () => Promise<TenantServer>): void {
  describe(name, () => {
    let server: TenantServer;
    beforeAll(async () => {
      server = await start();
    }, 120_000);
    afterAll(() => server?.stop());

    const get = (origin: string) => fetch(`${server.baseUrl}/api/hello`, { headers: { origin } });
    const allowOrigin = async (origin: string) => {
      const response = await get(origin);
      await response.arrayBuffer();
      return response.headers.get('access-control-allow-origin');
    };
    /** An admin call that must succeed; its body's text. */
    const admin = async (method: string, path: string) => {
      const response = await fetch(`${server.baseUrl}${path}`, { method, headers: ADMIN });
      const text = await response.text();
      expect(response.status, text).toBeLessThan(300);
      return text;
    };
    const stats = async () => JSON.parse(await admin('GET', '/admin/stats')) as { lookups: number; remembered: number };
    const fault = (mode: string) => admin('PUT', `/test/fault?mode=${mode}`);

    it('an origin is refused until the admin adds it, allowed at once after, refused at once after removal', async () => {
      const tenant = freshOrigin();
      const preflight = () => fetch(`${server.baseUrl}/api/hello`, { method: 'OPTIONS', headers: { origin: tenant, 'access-control-request-method': 'PUT' } });
      expect(await allowOrigin(tenant)).toBeNull();
      expect((await preflight()).status).toBe(403);
      await admin('PUT', `/admin/origins?origin=${encodeURIComponent(tenant)}`);
      const allowed = await get(tenant);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(tenant);
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      expect(await allowed.json()).toEqual({ hello: 'tenant' });
      expect((await preflight()).headers.get('access-control-allow-methods')).toBe('GET, PUT');
      await admin('DELETE', `/admin/origins?origin=${encodeURIComponent(tenant)}`);
      expect(await allowOrigin(tenant)).toBeNull();
    });

    it('the admin routes need the token, and refuse what is not an origin', async () => {
      expect((await fetch(`${server.baseUrl}/admin/stats`)).status).toBe(401);
      const bad = await fetch(`${server.baseUrl}/admin/origins?origin=${encodeURIComponent('https://shop.example/')}`, { method: 'PUT', headers: ADMIN });
      expect(bad.status).toBe(400);
    });

    it('1,000 requests at once for a new origin (over 100 connections) cause one store read', async () => {
      const tenant = freshOrigin();
      await server.writeBehind(tenant);
      const before = await stats();
      // 100 connections, as a busy front end would hold: a thousand sockets at once would test the runtime's accept queue, not Corsa.
      const agent = new Agent({ keepAlive: true, maxSockets: 100 });
      const answers = await Promise.all(
        Array.from(
          { length: 1000 },
          () =>
            new Promise<string | null>((resolve, reject) => {
              httpGet(`${server.baseUrl}/api/hello`, { agent, headers: { origin: tenant } }, (response) => {
                response.resume();
                response.on('end', () => resolve((response.headers['access-control-allow-origin'] as string | undefined) ?? null));
              }).on('error', reject);
            }),
        ),
      );
      agent.destroy();
      expect(new Set(answers)).toEqual(new Set([tenant]));
      expect((await stats()).lookups - before.lookups).toBe(1);
    });

    it('10,000 distinct random origins: one store read each, memory bounded by TENANT_MAX', async () => {
      const before = await stats();
      const strangers = Array.from({ length: 10_000 }, (_, i) => `https://s${i}-${Math.random().toString(36).slice(2, 10)}.example`);
      for (let i = 0; i < strangers.length; i += 100) {
        const answers = await Promise.all(strangers.slice(i, i + 100).map(allowOrigin));
        expect(answers.every((answer) => answer === null)).toBe(true);
      }
      const after = await stats();
      expect(after.lookups - before.lookups).toBe(10_000);
      expect(after.remembered).toBe(1000);
      // The most recent ones are remembered (within their TTL): asked again, no store read.
      await Promise.all(strangers.slice(-200).map(allowOrigin));
      expect((await stats()).lookups).toBe(after.lookups);
    }, 120_000);

    it("another writer's change is seen within the TTL; an invalidated one at once", async () => {
      const tenant = freshOrigin();
      expect(await allowOrigin(tenant)).toBeNull(); // remembered as refused
      await server.writeBehind(tenant);
      expect(await allowOrigin(tenant)).toBeNull(); // within the TTL: the remembered answer
      await new Promise((resolve) => setTimeout(resolve, 2100)); // past TTL and its stale window
      expect(await allowOrigin(tenant)).toBe(tenant);
    });

    it('stale-while-revalidate: past its TTL an answer is served once more while one read refreshes it', async () => {
      const tenant = freshOrigin();
      await server.writeBehind(tenant);
      expect(await allowOrigin(tenant)).toBe(tenant);
      const readAt = Date.now();
      await server.writeBehind(tenant, false); // removed behind the cache
      // Past the TTL (1 s), within the stale window (1 s more), however long the write took.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, readAt + 1300 - Date.now())));
      const before = (await stats()).lookups;
      expect(await allowOrigin(tenant)).toBe(tenant); // the stale answer, at once
      await new Promise((resolve) => setTimeout(resolve, 100)); // the refresh lands
      expect(await allowOrigin(tenant)).toBeNull();
      expect((await stats()).lookups).toBe(before + 1);
    });

    it.each(['throw', 'reject', 'hang'])(
      'a store that %ss: refused now (fail closed), not asked again before the back-off, then retried',
      async (mode) => {
        const tenant = freshOrigin();
        await server.writeBehind(tenant);
        await fault(mode);
        try {
          const before = (await stats()).lookups;
          expect(await allowOrigin(tenant)).toBeNull(); // a hang is cut off by the lookup's timeout (2 s)
          expect(await allowOrigin(tenant)).toBeNull(); // within the back-off (1 s): refused without a read
          const failedAt = (await stats()).lookups;
          expect(failedAt).toBe(before + 1);
          await fault('none');
          await new Promise((resolve) => setTimeout(resolve, 1100)); // the back-off (1 s)
          expect(await allowOrigin(tenant)).toBe(tenant);
          expect((await stats()).lookups).toBe(failedAt + 1);
        } finally {
          await fault('none');
        }
      },
      20_000,
    );

    it('a replaced policy is the next request’s: debug on adds Corsa-Refusal, off removes it', async () => {
      const refusal = async () => (await get(freshOrigin())).headers.get('corsa-refusal');
      expect(await refusal()).toBeNull();
      await admin('PUT', '/admin/debug?on=true');
      expect(await refusal()).toMatch(/^origin 'https:\/\/tenant-[^']+' /);
      await admin('PUT', '/admin/debug?on=false');
      expect(await refusal()).toBeNull();
    });
  });
}
