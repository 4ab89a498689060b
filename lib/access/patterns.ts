/** IAM wildcard patterns (`*`, `?`), compiled once each: the same few are matched for every resource and request. */
const compiled = new Map<string, RegExp>();

/**
 * Whether an IAM pattern with `*` and `?` matches a value, case-insensitively:
 * exact for actions, and for ARNs never stricter than IAM (so a statement is
 * only ever judged not to apply when it certainly does not).
 */
export function patternMatches(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^${wildcardSource(pattern)}$`, 'is');
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

/** The RegExp source of an IAM pattern: `*` any run of characters, `?` any one, everything else literal (match it with flags `is`). */
export function wildcardSource(pattern: string): string {
  return pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

/** Whether a policy statement's `Action` (or its `NotAction`) covers an action. */
export function statementCovers(statement: { readonly Action?: unknown; readonly NotAction?: unknown }, action: string): boolean {
  const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((p) => typeof p === 'string' && patternMatches(p, action));
  return list(statement.Action).some((p) => typeof p === 'string' && patternMatches(p, action));
}
