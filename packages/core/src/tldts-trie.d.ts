// The Public Suffix List as tldts ships it (a flat trie; bundled into @corsa/core at build
// time from the exact tldts version in package.json, so its layout cannot change under us).
declare module 'tldts/dist/es6/src/data/trie.js' {
  /** Per node: 0 no rule ends here, 1 an ICANN rule, 2 a private rule. */
  export const nodeFlags: Uint8Array;
  /** Node n's edges are edgeStart[n] … edgeStart[n + 1] - 1. */
  export const edgeStart: Uint16Array;
  /** Length of each edge's label in `labelText` (labels are stored one after another). */
  export const edgeLength: Uint8Array;
  /** The node each edge leads to. */
  export const edgeChild: Uint16Array;
  export const labelText: string;
  export const rulesRoot: number;
  export const exceptionsRoot: number;
}
