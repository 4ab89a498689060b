/** One problem in a configuration: where, what was received, what is allowed. */
export interface ConfigIssue {
  /** Field path, e.g. `clients[2].regions.replica`. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /** The value found at the path (`undefined` when the field is missing). */
  readonly received?: unknown;
}

/**
 * Issues a `ConfigError` prints; the rest are counted ("... and 9950 more
 * issues"), so that a file of thousands of bad clients stays readable. Every
 * issue is still in `ConfigError.issues`.
 */
export const MAX_PRINTED_ISSUES = 50;

/** Characters of a received value echoed in a message. */
const MAX_VALUE_CHARACTERS = 80;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Renders a path array as `clients[2].regions.replica`; a key that is not a plain name is quoted (`clients[0]["a b"]`). */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    if (!PLAIN_KEY.test(name)) return `${out}[${quote(name)}]`;
    return out === '' ? name : `${out}.${name}`;
  }, '');
}

/** A string as a JSON string literal of at most `MAX_VALUE_CHARACTERS` characters (control characters escaped). */
function quote(text: string): string {
  const literal = JSON.stringify(text.length > MAX_VALUE_CHARACTERS ? text.slice(0, MAX_VALUE_CHARACTERS) : text);
  return literal.length > MAX_VALUE_CHARACTERS ? `${literal.slice(0, MAX_VALUE_CHARACTERS - 3)}...` : literal;
}

/**
 * A value as short text, built piece by piece with a budget: never the whole
 * of a large value, safe for circular values (`[circular]`), and YAML's
 * `.nan`, `.inf` and `-.inf` shown as what they are.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let out = '';
  const ancestors: unknown[] = [];
  const write = (v: unknown): boolean => {
    if (out.length > MAX_VALUE_CHARACTERS) return false;
    if (typeof v === 'number') out += Number.isNaN(v) ? '.nan' : v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : String(v);
    else if (typeof v === 'string') out += quote(v);
    else if (v === null || v === undefined) out += 'null';
    else if (typeof v === 'boolean' || typeof v === 'bigint') out += String(v);
    else if (v instanceof Date) out += quote(Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString());
    else if (typeof v !== 'object') out += `[${typeof v}]`;
    else if (ancestors.includes(v)) out += '[circular]';
    else {
      ancestors.push(v);
      const isArray = Array.isArray(v);
      out += isArray ? '[' : '{';
      let first = true;
      for (const key of Object.keys(v)) {
        if (!first) out += ',';
        first = false;
        if (!isArray) out += `${quote(key)}:`;
        if (!write((v as Record<string, unknown>)[key])) break;
      }
      out += isArray ? ']' : '}';
      ancestors.pop();
    }
    return out.length <= MAX_VALUE_CHARACTERS;
  };
  write(value);
  return out.length > MAX_VALUE_CHARACTERS ? `${out.slice(0, MAX_VALUE_CHARACTERS - 3)}...` : out;
}

/** Renders one issue as a single line. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.path === '' ? '(top level)' : issue.path;
  return `${where}: ${issue.message} (received ${describeValue(issue.received)})`;
}

/**
 * A configuration that cannot be used. Carries every problem found, so that
 * the engineer fixes them all in one pass; the message lists the first
 * {@link MAX_PRINTED_ISSUES} and counts the rest.
 */
export class ConfigError extends Error {
  constructor(
    /** The file the configuration came from. */
    public readonly source: string,
    /** Every problem found, in file order. */
    public readonly issues: readonly ConfigIssue[],
  ) {
    const shown = issues.slice(0, MAX_PRINTED_ISSUES).map((i) => `  - ${formatIssue(i)}`);
    const rest = issues.length - shown.length;
    if (rest > 0) shown.push(`  ... and ${rest} more ${rest === 1 ? 'issue' : 'issues'} (the first ${MAX_PRINTED_ISSUES} are shown)`);
    super(`${source} has ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}:\n${shown.join('\n')}`);
    this.name = 'ConfigError';
  }
}
