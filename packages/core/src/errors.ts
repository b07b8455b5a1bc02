/** One problem found in a CORS configuration. */
export interface CorsConfigIssue {
  /** Where the problem is: an option path such as `origins[2]`, or an environment variable name. */
  readonly path: string;
  /** A stable, machine-readable code, e.g. `wildcard-origin-with-credentials`. */
  readonly code: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
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
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

/** Collects issues while a configuration is validated. */
export class IssueList {
  readonly items: CorsConfigIssue[] = [];

  add(path: string, code: string, message: string): void {
    this.items.push({ path, code, message });
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new CorsConfigError(this.items);
  }
}
