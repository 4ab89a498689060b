/**
 * The context values the main job reads (`-c key=value`, `cdk.json`,
 * `CDK_CONTEXT_JSON`): untrusted input like the configuration itself, so
 * validated the same way, every problem listed with its key, the value
 * received and what is allowed.
 */
import { ConfigError, type ConfigIssue } from '../model';
import { DEFAULT_CONFIG_PATH } from './load';

/** Every context key the main job reads. */
export const CONTEXT_KEYS = ['config', 'now', 'clients', 'pipeline'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** The main job's context, validated. */
export interface MainJobContext {
  /** `-c config=PATH`: the configuration file; default the bundled example. */
  readonly configPath: string;
  /** `-c now=<ISO date-time>`: "now" for break-glass expiry checks (reproducible synths); `undefined` for the clock. */
  readonly now?: Date;
  /** `-c clients=acme,globex`: build only these clients; `undefined` for all. */
  readonly clients?: readonly string[];
  /** `-c pipeline=true`: synthesize the deployment pipeline instead of the stacks. */
  readonly pipeline: boolean;
}

/** Where a context problem is reported from. */
export const CONTEXT_SOURCE = 'context (-c key=value)';

/** An ISO 8601 date-time with a zone: `2026-12-01T00:00:00Z`, `2026-12-01T01:00:00.5+01:00`. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const MAX_PATH_CHARS = 4096;

/** An ISO date-time whose fields are in range (no 31 February, no hour 24), so that `Date` does not roll it over. */
function isDateTime(text: string): boolean {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = [...text.matchAll(/\d+/g)].slice(0, 6).map((m) => Number(m[0]));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && (match[1] === undefined || second <= 59)
  );
}

/**
 * Reads and validates the main job's context.
 *
 * @param get reads one context key (e.g. `(key) => app.node.tryGetContext(key)`)
 * @throws ConfigError listing every bad value
 */
export function readMainJobContext(get: (key: ContextKey) => unknown): MainJobContext {
  const issues: ConfigIssue[] = [];
  const problem = (key: ContextKey, message: string, received: unknown) => issues.push({ path: `context.${key}`, message, received });

  const config = get('config');
  let configPath = DEFAULT_CONFIG_PATH;
  if (config !== undefined) {
    if (typeof config !== 'string' || config.trim() === '') {
      problem('config', `expected the path of a YAML configuration file, e.g. -c config=${DEFAULT_CONFIG_PATH}`, config);
    } else if (config.length > MAX_PATH_CHARS || /\p{Cc}/u.test(config)) {
      problem('config', `expected a file path of at most ${MAX_PATH_CHARS} characters without control characters`, config);
    } else {
      configPath = config;
    }
  }

  const nowValue = get('now');
  let now: Date | undefined;
  if (nowValue !== undefined) {
    const parsed = typeof nowValue === 'string' && isDateTime(nowValue) ? new Date(nowValue) : undefined;
    if (parsed === undefined || Number.isNaN(parsed.getTime())) {
      problem('now', 'expected an ISO 8601 date-time with a zone, e.g. -c now=2026-12-01T00:00:00Z', nowValue);
    } else {
      now = parsed;
    }
  }

  const clientsValue = get('clients');
  let clients: string[] | undefined;
  if (clientsValue !== undefined) {
    const list =
      typeof clientsValue === 'string'
        ? clientsValue.split(',')
        : Array.isArray(clientsValue) && clientsValue.every((c) => typeof c === 'string')
          ? (clientsValue as string[])
          : undefined;
    const ids = list?.map((s) => s.trim()).filter((s) => s !== '');
    if (ids === undefined || ids.length === 0) {
      problem('clients', 'expected client ids, comma-separated, e.g. -c clients=acme,globex', clientsValue);
    } else {
      clients = ids;
    }
  }

  const pipelineValue = get('pipeline');
  let pipeline = false;
  if (pipelineValue !== undefined) {
    if (pipelineValue === true || pipelineValue === 'true') pipeline = true;
    else if (pipelineValue !== false && pipelineValue !== 'false')
      problem('pipeline', 'expected true or false, e.g. -c pipeline=true', pipelineValue);
  }

  if (issues.length > 0) throw new ConfigError(CONTEXT_SOURCE, issues);
  return { configPath, now, clients, pipeline };
}
