export * from './fetch-oracle.js';
export * from './requests.js';
export * from './reference-app.js';
export * from './adapter-vectors.js';
export * from './runtimes.js';
export * from './example-check.js';
export * from './arbitraries.js';
export * from './hostile-corpus.js';
