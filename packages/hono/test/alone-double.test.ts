// The same checks whatever else the process holds: this file's module graph has exactly
// one cors() at a time (vitest isolates each file), which is where a process-wide count of
// layers used to switch the checks off.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.js';

const APP = 'https://app.example';

describe('@corsa/hono with a single cors() in the process', () => {
  it('the same cors() registered twice answers once (onRefusal hears of a refusal once)', async () => {
    const refusals: string[] = [];
    const middleware = cors({ origins: [APP], onRefusal: (refusal) => void refusals.push(refusal.reason) });
    const app = new Hono();
    app.use('*', middleware);
    app.use('/api/*', middleware);
    app.get('/api/me', (c) => c.text('me'));
    const response = await app.request('/api/me', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('vary')).toBe('Origin');
    expect(refusals).toHaveLength(1);
  });
});
