// Option objects compared by what they hold, not by identity: a policy source may return
// a fresh object per request (same content: same policy) or the same object mutated per
// request (new content: a new policy), and two layers given equal options answer alike.
// Options hold strings, numbers, booleans, arrays of strings and functions; functions
// (a predicate, onRefusal) are compared by identity, since two closures with the same
// source text may capture different data.

/** A string equal for option objects of equal content: own keys sorted, strings quoted, arrays element by element, functions and objects by identity. */
export function contentKey(options: object): string {
  let key = '';
  for (const name of Object.keys(options).sort()) {
    key += `${JSON.stringify(name)}:${valueKey((options as Record<string, unknown>)[name])};`;
  }
  return key;
}

function valueKey(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') return `#${identityOf(value)}`;
  return `${typeof value}:${String(value)}`;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = ++nextIdentity;
    identities.set(value, id);
  }
  return id;
}

/**
 * What an options object held when it was compiled: its own keys in order and their
 * values, arrays copied. `sameContent` then tells, without allocating a key string,
 * whether the object still holds exactly that.
 */
export interface ContentSnapshot {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
}

export function snapshotOf(options: object): ContentSnapshot {
  const keys = Object.keys(options);
  const values = keys.map((name) => {
    const value = (options as Record<string, unknown>)[name];
    return Array.isArray(value) ? value.slice() : value;
  });
  return { keys, values };
}

/** `true` when `options` holds exactly what `snapshot` recorded (same keys in the same order, same values). */
export function sameContent(options: object, snapshot: ContentSnapshot): boolean {
  const keys = Object.keys(options);
  if (keys.length !== snapshot.keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i] as string;
    if (name !== snapshot.keys[i]) return false;
    const value = (options as Record<string, unknown>)[name];
    const known = snapshot.values[i];
    if (Array.isArray(known)) {
      if (!Array.isArray(value) || value.length !== known.length) return false;
      for (let j = 0; j < known.length; j++) if (value[j] !== known[j]) return false;
    } else if (value !== known || Array.isArray(value)) return false;
  }
  return true;
}
