/** One problem found in a CORS configuration. */
export interface CorsConfigIssue {
  /** Where the problem is: an option path such as `origins[2]`, or an environment variable name. */
  readonly path: string;
  /** A stable, machine-readable code, e.g. `wildcard-origin-with-credentials`. */
  readonly code: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /**
   * A fix Corsa can vouch for, when it can compute one: set `fix.path` to `fix.value`
   * (a value the next run accepts as it stands). `fix.path` is the whole option (or
   * variable) when the problem is one element of a list: the fix normalises every
   * element at once. Absent when only a person can decide (which origins to trust).
   */
  readonly fix?: { readonly path: string; readonly value: unknown };
}

/**
 * Thrown by `createCorsPolicy` (and `corsOptionsFromEnv`) with every problem of the
 * configuration at once, so that one run shows all there is to fix.
 */
export class CorsConfigError extends Error {
  /** Every problem found, in the order found. Never empty. */
  readonly issues: readonly CorsConfigIssue[];

  constructor(issues: readonly CorsConfigIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message} [${issue.code}]`);
    super(`Invalid CORS configuration (${count}):\n${lines.join('\n')}`);
    this.name = 'CorsConfigError';
    this.issues = Object.freeze(
      issues.map((issue) => Object.freeze(issue.fix === undefined ? { ...issue } : { ...issue, fix: Object.freeze({ ...issue.fix }) })),
    );
  }
}

/** Collects issues while a configuration is validated. */
export class IssueList {
  readonly items: CorsConfigIssue[] = [];

  add(path: string, code: string, message: string, fix?: { path: string; value: unknown }): void {
    this.items.push(fix === undefined ? { path, code, message } : { path, code, message, fix });
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new CorsConfigError(this.items);
  }
}

/** A short description of a value of the wrong type, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return `a RegExp (${String(value)})`;
  if (typeof value === 'string') return `the string '${value}'`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
