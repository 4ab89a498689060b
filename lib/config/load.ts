import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError, type ConfigIssue, formatPath } from '../model/errors';
import { type BaselineConfig, baselineConfigSchema } from '../model/schema';
import { type SemanticCheckOptions, semanticIssues } from './validate';

/** The configuration used when `-c config=PATH` is not given. */
export const DEFAULT_CONFIG_PATH = 'config/baseline.example.yaml';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Validates an already parsed configuration: the schema first, then (only
 * when the shape is right) the semantic checks. Throws one `ConfigError`
 * listing every problem.
 *
 * @param raw the parsed YAML or JSON document
 * @param source where it came from, for the error message
 * @param options e.g. the current time for break-glass expiries
 */
export function parseConfig(raw: unknown, source = 'configuration', options: SemanticCheckOptions = {}): BaselineConfig {
  const result = baselineConfigSchema.safeParse(raw);
  if (!result.success) {
    const issues: ConfigIssue[] = result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return {
          path: formatPath([...issue.path, issue.keys[0]]),
          message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against config/baseline.schema.json`,
          received: valueAt(raw, [...issue.path, issue.keys[0]]),
        };
      }
      return { path: formatPath(issue.path), message: issue.message, received: valueAt(raw, issue.path) };
    });
    throw new ConfigError(source, issues);
  }
  const issues = semanticIssues(result.data, options);
  if (issues.length > 0) throw new ConfigError(source, issues);
  return result.data;
}

/**
 * Reads, parses and validates a configuration file.
 *
 * @param path the YAML file
 * @param options e.g. the current time for break-glass expiries
 * @throws ConfigError listing every problem, including YAML syntax errors
 */
export function loadConfig(path: string, options: SemanticCheckOptions = {}): BaselineConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      { path: '', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, received: path },
    ]);
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new ConfigError(
      path,
      document.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  return parseConfig(document.toJS(), path, options);
}
