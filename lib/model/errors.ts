/** One problem in a configuration: where, what was received, what is allowed. */
export interface ConfigIssue {
  /** Field path, e.g. `clients[2].regions.replica`. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /** The value found at the path (`undefined` when the field is missing). */
  readonly received?: unknown;
}

/** Renders a path array as `clients[2].regions.replica`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Renders one issue as a single line. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.path === '' ? '(top level)' : issue.path;
  return `${where}: ${issue.message} (received ${describeValue(issue.received)})`;
}

/**
 * A configuration that cannot be used. Carries every problem found, so that
 * the engineer fixes them all in one pass.
 */
export class ConfigError extends Error {
  constructor(
    /** The file the configuration came from. */
    public readonly source: string,
    /** Every problem found, in file order. */
    public readonly issues: readonly ConfigIssue[],
  ) {
    super(
      `${source} has ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}:\n` +
        issues.map((i) => `  - ${formatIssue(i)}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
