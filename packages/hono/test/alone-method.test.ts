// The same checks whatever else the process holds: this file's module graph has exactly
// one cors() at a time (vitest isolates each file), which is where a process-wide count of
// layers used to switch the checks off.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.js';

const APP = 'https://app.example';

describe('@corsa/hono with a single cors() in the process', () => {
  it('a cors() registered for one method fails loudly even when it is the only one', async () => {
    const app = new Hono();
    app.get('/api/me', cors({ origins: [APP] }), (c) => c.text('me'));
    app.onError((error, c) => c.text(error.message, 500));
    const response = await app.request('/api/me', { headers: { origin: APP } });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('[hono-method-registration]');
  });
});
