// The built package (npm test builds it first): ESM and CJS load, export the same API,
// and use nothing but Web-standard globals, so it runs unchanged in browsers, workerd,
// Deno, Bun and Node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
const EXPORTS = [
  'CORS_ENV_VARIABLES',
  'CorsConfigError',
  'MAX_ORIGIN_LENGTH',
  'OriginLookupError',
  'REFUSAL_HEADER',
  'answerOnce',
  'applyCors',
  'applyCorsList',
  'cachedOrigins',
  'claimRequest',
  'corsOptionsFromEnv',
  'createCorsPolicy',
  'errorResponse',
  'evaluateCors',
  'evaluateCorsFrom',
  'fetchRequestOf',
  'handlerMembers',
  'isCorsHeaderName',
  'isCorsPolicy',
  'keepAliveWith',
  'livePolicy',
  'mergeVary',
  'newLayer',
  'policyResolver',
  'readRequestHeader',
  'releaseRequest',
  'respondWithCors',
  'toPolicy',
  'withCors',
];

describe('@corsa/core as built', () => {
  it('loads as ESM and CJS with the same exports', async () => {
    const esm = await import(new URL('index.js', dist).href);
    const cjs = createRequire(import.meta.url)(new URL('index.cjs', dist).pathname);
    expect(Object.keys(esm).sort()).toEqual(EXPORTS);
    expect(Object.keys(cjs).sort()).toEqual(EXPORTS);
    for (const mod of [esm, cjs]) {
      const policy = mod.createCorsPolicy({ origins: ['https://app.example'] });
      const answer = mod.evaluateCors(policy, new Request('https://api.example/', { headers: { origin: 'https://app.example' } }));
      expect(answer.get('access-control-allow-origin')).toBe('https://app.example');
    }
  });

  it('ships declarations for both module systems', () => {
    for (const file of ['index.d.ts', 'index.d.cts']) {
      expect(readFileSync(new URL(file, dist), 'utf8')).toContain('declare function evaluateCors');
    }
  });

  it('uses no Node-only API and imports nothing', () => {
    // The one `import` in the text is inside the message that names the list's entry.
    const code = readFileSync(new URL('index.js', dist), 'utf8').replaceAll(`"import '@corsa/core/public-suffix-list'"`, '""');
    expect(code).not.toMatch(/\bimport\s|\brequire\(|\bprocess\.|\bBuffer\b|node:|\bconsole\.(?!error\()/);
    // console.error (WHATWG Console, in every runtime's logs) only for what would otherwise
    // be lost: an error thrown by onRefusal (which must not change the answer), a handler
    // error answered with a 500, and an onError that failed (twice).
    expect(code.match(/\bconsole\.error\(/g)).toHaveLength(4);
    // The only timers bound an async origins predicate (predicateTimeout): its answer to a
    // request, and its answer to the always-true probe; and cachedOrigins' lookup deadline,
    // which each waiting request also keeps itself. setTimeout is a WHATWG API every target
    // runtime has; nothing else may schedule work.
    expect(code.match(/\bsetTimeout\(/g)).toHaveLength(4);
  });
});
