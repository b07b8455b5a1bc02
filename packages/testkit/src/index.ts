export * from './adapter-vectors.js';
export * from './arbitraries.js';
export * from './example-check.js';
export * from './fetch-oracle.js';
export * from './hostile-corpus.js';
export * from './reference-app.js';
export * from './requests.js';
export * from './runtimes.js';
