// Reading a list option (origins, methods, allowHeaders, exposeHeaders) the same way
// for every list and for every CORS_* variable: whitespace, empty elements and a '*'
// among other elements are refused by name, and every problem comes with one fix for
// the whole list, computed by normalising every element at once, so that the value it
// suggests is accepted by the next run as it stands.
import { describeValue, type IssueList } from './errors.js';

/** One problem with one element of a list. */
export interface Problem {
  readonly code: string;
  readonly message: string;
}

/**
 * What checking one element found: accepted (its normal form, and whatever the caller
 * keeps with it), or refused with its problems and, when Corsa can tell, what the
 * element should be replaced with in the fixed list (`[]`: removed).
 */
export type ElementCheck<T> =
  | { readonly value: string; readonly extra: T }
  | { readonly problems: readonly Problem[]; readonly replacement: readonly string[] | undefined };

/** How a list reads its elements. */
export interface ListRules<T> {
  /** The option's name (`origins`), also the path of every issue (`origins[2]`) and of the fix. */
  readonly path: string;
  /** An example for a value that is not a list at all. */
  readonly example: string;
  readonly check: (item: string) => ElementCheck<T>;
  /** The code and message for a '*' among other elements. */
  readonly wildcardCode: string;
  readonly wildcardMessage: string;
  /** What the whole option should be instead when it holds a '*' (`'*'`), or undefined to drop the '*'. */
  readonly wildcardFix: unknown;
  /** The fewest elements a valid list has (1 for origins). */
  readonly minLength?: number;
}

/** The accepted elements (normalised, de-duplicated) with what `check` kept for each. */
export interface ListContent<T> {
  readonly values: string[];
  readonly extras: T[];
}

const WILDCARD = Symbol('wildcard');
type Replacement = readonly string[] | typeof WILDCARD | undefined;

/** Reads `value` as a list under `rules`, adding an issue per problem found. */
export function readList<T>(value: unknown, rules: ListRules<T>, issues: IssueList): ListContent<T> {
  const content: ListContent<T> = { values: [], extras: [] };
  if (!Array.isArray(value)) {
    const what = typeof value === 'string' ? `a single string ('${printable(value)}')` : describeValue(value);
    const fix = listFixOf(value, rules);
    const write = fix === undefined ? rules.example : `write ${rules.path}: [${(fix.value as string[]).map((v) => `'${v}'`).join(', ')}]`;
    issues.add(rules.path, 'not-a-list', `expected a list, got ${what}; ${write}.`, fix);
    return content;
  }
  const found: { path: string; problem: Problem }[] = [];
  const replacements: Replacement[] = [];
  value.forEach((item: unknown, index) => {
    const path = `${rules.path}[${index}]`;
    if (typeof item !== 'string') {
      found.push({ path, problem: { code: 'not-a-string', message: `expected a string, got ${describeValue(item)}; ${rules.example}.` } });
      replacements.push(undefined);
      return;
    }
    const checked = checkElement(item, rules);
    if ('value' in checked) {
      if (!content.values.includes(checked.value)) {
        content.values.push(checked.value);
        content.extras.push(checked.extra);
      }
      replacements.push([checked.value]);
    } else {
      for (const problem of checked.problems) found.push({ path, problem });
      replacements.push(checked.replacement);
    }
  });
  const fix = found.length > 0 ? fixedList(replacements, rules) : undefined;
  for (const { path, problem } of found) issues.add(path, problem.code, problem.message, fix);
  return content;
}

/** Checks one string element: whitespace, emptiness and '*' first, then the list's own rules. */
function checkElement<T>(item: string, rules: ListRules<T>): ElementCheck<T> | { problems: Problem[]; replacement: Replacement } {
  if (item === '') return { problems: [{ code: 'empty-element', message: 'an empty element; remove it.' }], replacement: [] };
  const spaces = whitespaceIn(item);
  if (spaces !== undefined) {
    const replacement = replacementOfPieces(item.split(/\s+/).filter(Boolean), rules);
    const write = replacement === undefined ? 'remove the whitespace' : `write ${replacement.map((r) => `'${r}'`).join(', ')}`;
    return { problems: [{ code: 'whitespace', message: `'${printable(item)}' has ${spaces}; ${write}.` }], replacement };
  }
  const separator = /[,;]/.exec(item)?.[0];
  if (separator !== undefined) {
    // Several values in one element: 'https://a.example,https://b.example', or a ';'-separated variable.
    const pieces = item.split(/[,;]/).filter(Boolean);
    const replacement = replacementOfPieces(pieces, rules);
    const write =
      replacement === undefined ? `write each as an element of its own` : `write them as elements of their own: ${replacement.map((r) => `'${r}'`).join(', ')}`;
    return {
      problems: [{ code: 'several-in-one-element', message: `'${printable(item)}' holds ${pieces.length} values separated by '${separator}'; ${write}.` }],
      replacement,
    };
  }
  const unwrapped = item.replace(/^[[\s]*["'`]?|["'`]?[\]\s]*$/g, '');
  if (unwrapped !== item && unwrapped !== '') {
    // "https://a.example" typed with its quotes, or a JSON array in a variable: ["https://a.example","https://b.example"].
    const replacement = replacementOfPieces([unwrapped], rules);
    const write = replacement === undefined ? 'remove the quotes and brackets' : `write '${replacement[0]}'`;
    return {
      problems: [{ code: 'quoted-element', message: `'${printable(item)}' is wrapped in quotes or brackets (a quoted value, or a JSON array?); ${write}.` }],
      replacement,
    };
  }
  if (item === '*') return { problems: [{ code: rules.wildcardCode, message: rules.wildcardMessage }], replacement: WILDCARD };
  return rules.check(item);
}

// What a list of pieces of one element should be replaced with: each piece's own fix, or undefined when one cannot be fixed.
function replacementOfPieces<T>(pieces: readonly string[], rules: ListRules<T>): string[] | undefined {
  const replaced = pieces.map((piece) => replacementOf(checkElement(piece, rules)));
  return replaced.includes(undefined) || replaced.includes(WILDCARD) ? undefined : (replaced as string[][]).flat();
}

function replacementOf<T>(checked: ElementCheck<T> | { replacement: Replacement }): Replacement {
  return 'value' in checked ? [checked.value] : checked.replacement;
}

// The whole list as it should be written, or no fix when some element cannot be fixed.
function fixedList<T>(replacements: readonly Replacement[], rules: ListRules<T>): { path: string; value: unknown } | undefined {
  if (replacements.includes(undefined)) return undefined;
  if (replacements.includes(WILDCARD) && rules.wildcardFix !== undefined) return { path: rules.path, value: rules.wildcardFix };
  const values: string[] = [];
  for (const replacement of replacements) {
    if (replacement === WILDCARD) continue;
    for (const value of replacement as readonly string[]) if (!values.includes(value)) values.push(value);
  }
  if (values.length < (rules.minLength ?? 0)) return undefined;
  return { path: rules.path, value: values };
}

// A single string where a list belongs: the fix is the list of its comma- or
// whitespace-separated parts, when each of them is fine.
function listFixOf<T>(value: unknown, rules: ListRules<T>): { path: string; value: unknown } | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split(/[\s,;]+/).filter(Boolean);
  const checked = parts.map((part) => checkElement(part, rules));
  if (parts.length === 0 || !checked.every((c) => 'value' in c)) return undefined;
  return { path: rules.path, value: checked.map((c) => (c as { value: string }).value) };
}

const WHITESPACE_NAMES: Record<string, string> = { ' ': 'a space', '\t': 'a tab', '\n': 'a line feed', '\r': 'a carriage return' };

/** Which whitespace `text` has and where ("a line feed at the end"), or undefined when none. */
export function whitespaceIn(text: string): string | undefined {
  const match = /\s/.exec(text);
  if (match === null) return undefined;
  const name = WHITESPACE_NAMES[match[0]] ?? `a whitespace character (U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  const where = match.index === 0 ? 'at the start' : /\s$/.test(text) && text.trimEnd().length <= match.index ? 'at the end' : 'inside';
  return `${name} ${where}`;
}

/** `text` with control characters shown as escapes, for messages. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
