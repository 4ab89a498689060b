import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue, formatPath } from '../model/errors';
import { type BaselineConfig, baselineConfigSchema, clientSchema, providerSchema } from '../model/schema';
import { type ConfigParts, type SemanticCheckOptions, semanticIssues, semanticIssuesOfParts } from './validate';

/** The configuration used when `-c config=PATH` is not given. */
export const DEFAULT_CONFIG_PATH = 'config/baseline.example.yaml';

/**
 * What the loader reads at most, so that a hostile or mistaken file is
 * refused quickly, in bounded memory, with one clear issue.
 */
export const CONFIG_INPUT_LIMITS = {
  /**
   * File size: 2 MiB, about 3,500 clients of the generator's shape (1,000 are 0.6 MB), more than one synth can
   * build (see the README, Scale and safety). Parsing a file this size of bad clients takes about 7 s and 450 MB.
   */
  maxBytes: 2 * 1024 * 1024,
  /** Nesting of mappings and lists: the configuration itself nests 6 deep. */
  maxDepth: 32,
  /** Values (scalars, mappings, lists) once aliases are expanded: an alias bomb expands a few lines into billions. */
  maxValues: 2_000_000,
} as const;

const hasOwn = (value: object, key: PropertyKey) => Object.hasOwn(value, key);
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at a path of a parsed document, through own properties only (never `Object.prototype`). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The schema's issues, each with its path and the value received. */
function schemaIssues(error: z.ZodError, raw: unknown): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown field ${JSON.stringify(key)}; check the spelling against config/baseline.schema.json`,
        received: valueAt(raw, [...issue.path, key]),
      }));
    }
    return [{ path: formatPath(issue.path), message: issue.message, received: valueAt(raw, issue.path) }];
  });
}

/** Parses each field of an object on its own: the fields that pass, and the names of those (absent optional ones included). */
function fieldsOf(shape: Record<string, z.ZodType>, raw: Record<string, unknown>): { fields: Record<string, unknown>; valid: Set<string> } {
  const fields: Record<string, unknown> = {};
  const valid = new Set<string>();
  for (const [key, schema] of Object.entries(shape)) {
    const result = schema.safeParse(hasOwn(raw, key) ? raw[key] : undefined);
    if (!result.success) continue;
    valid.add(key);
    if (result.data !== undefined) fields[key] = result.data;
  }
  return { fields, valid };
}

/** The parts of a document that pass the schema, field by field, for the semantic checks. */
function configParts(raw: unknown): ConfigParts {
  const provider =
    isRecord(raw) && isRecord(raw.provider) ? fieldsOf(providerSchema.shape, raw.provider) : { fields: {}, valid: new Set<string>() };
  const clients = isRecord(raw) && Array.isArray(raw.clients) ? raw.clients : [];
  return {
    provider: provider.fields,
    providerValid: provider.valid,
    clients: clients.map((client) => (isRecord(client) ? fieldsOf(clientSchema.shape, client) : undefined)),
  };
}

/**
 * Validates an already parsed configuration: the schema, then the semantic
 * checks. Throws one `ConfigError` listing every problem: when the schema
 * refuses some fields, the semantic checks still run on the parts that
 * passed, so that no problem hides another.
 *
 * @param raw the parsed YAML or JSON document
 * @param source where it came from, for the error message
 * @param options e.g. the current time for break-glass expiries
 */
export function parseConfig(raw: unknown, source = 'configuration', options: SemanticCheckOptions = {}): BaselineConfig {
  const result = baselineConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(source, [...schemaIssues(result.error, raw), ...semanticIssuesOfParts(configParts(raw), options)]);
  }
  const issues = semanticIssues(result.data, options);
  if (issues.length > 0) throw new ConfigError(source, issues);
  return result.data;
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/** The file's text: a regular file of at most `maxBytes`, in UTF-8. */
function readConfigText(path: string): string {
  const refuse = (message: string, received: unknown = path): never => {
    throw new ConfigError(path, [{ path: '', message, received }]);
  };
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK); // a named pipe must not block the synth
    const stat = fstatSync(fd);
    if (!stat.isFile()) refuse('cannot read the configuration: it is not a regular file (a directory, device or pipe); name a YAML file');
    if (stat.size > CONFIG_INPUT_LIMITS.maxBytes) {
      refuse(
        `the file is ${stat.size} bytes; a configuration may be at most ${CONFIG_INPUT_LIMITS.maxBytes} bytes (${CONFIG_INPUT_LIMITS.maxBytes / 1024 / 1024} MiB)`,
        stat.size,
      );
    }
    const buffer = Buffer.alloc(CONFIG_INPUT_LIMITS.maxBytes + 1);
    let length = 0;
    let read = -1;
    while (read !== 0 && length < buffer.length) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
    }
    if (length > CONFIG_INPUT_LIMITS.maxBytes) refuse(`the file grew past ${CONFIG_INPUT_LIMITS.maxBytes} bytes while it was read`, length);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      return refuse('the file is not UTF-8 text; save it as UTF-8', `${length} bytes`);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return refuse(`cannot read the file: ${READ_ERRORS[code] ?? code}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

type Ancestors = readonly (Document | Node | Pair)[];

/** The field path of a node, from the ancestors `visit` gives (`clients[0].name`). */
function nodePath(ancestors: Ancestors, node: Node | Pair): string {
  const chain = [...ancestors, node];
  const keys: (string | number)[] = [];
  chain.forEach((parent, i) => {
    const child = chain[i + 1];
    if (child === undefined) return;
    if (isSeq(parent)) keys.push(parent.items.indexOf(child as Node));
    else if (isPair(parent) && parent.value === child) keys.push(isScalar(parent.key) ? String(parent.key.value) : String(parent.key));
  });
  if (isPair(node)) keys.push(isScalar(node.key) ? String(node.key.value) : String(node.key));
  return formatPath(keys);
}

/** Runs `visit` and gives up quietly when the document nests too deep for it. */
function safeVisit(document: Document, visitor: Parameters<typeof visit>[1]): void {
  try {
    visit(document, visitor);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
}

/** One YAML error as an issue: where it is (the field when known) and what to do. */
function yamlIssue(document: Document, error: YAMLError, lines: LineCounter): ConfigIssue {
  const [offset] = error.pos;
  const at = (position: number) => {
    const { line, col } = lines.linePos(position);
    return `line ${line}, column ${col}`;
  };
  const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (error.code === 'DUPLICATE_KEY') {
    let issue: ConfigIssue | undefined;
    safeVisit(document, {
      Pair(_, pair, ancestors) {
        if (issue !== undefined || !isScalar(pair.key) || pair.key.range?.[0] !== offset) return;
        const map = ancestors[ancestors.length - 1];
        const key = pair.key.value;
        const first = isMap(map) ? map.items.find((other) => isScalar(other.key) && other.key.value === key) : undefined;
        const firstAt = first && isScalar(first.key) && first.key.range ? ` (first at ${at(first.key.range[0])})` : '';
        issue = {
          path: nodePath(ancestors, pair),
          message: `YAML syntax: duplicate key at ${at(offset)}${firstAt}; a key may appear once in a mapping`,
          received: String(key),
        };
      },
    });
    if (issue !== undefined) return issue;
  }
  if (error.code === 'MISSING_CHAR' && /quote/.test(reason)) {
    let issue: ConfigIssue | undefined;
    safeVisit(document, {
      Scalar(_, scalar, ancestors) {
        if (scalar.type !== 'QUOTE_SINGLE' && scalar.type !== 'QUOTE_DOUBLE') return;
        const range = scalar.range;
        if (range === undefined || range === null || range[0] >= offset || range[1] < offset) return;
        const quote = scalar.type === 'QUOTE_SINGLE' ? "'" : '"';
        const parent = ancestors[ancestors.length - 1];
        issue = {
          path: isPair(parent) && parent.value === scalar ? nodePath(ancestors.slice(0, -1), parent) : nodePath(ancestors, scalar),
          message: `YAML syntax: the ${quote} quote opened at ${at(range[0])} is never closed (the file reads on to ${at(offset)}); close it where the value ends`,
        };
      },
    });
    if (issue !== undefined) return issue;
  }
  return { path: at(offset), message: `YAML syntax: ${reason}` };
}

/** Aliases that point nowhere or into themselves (a recursive alias makes a circular value). */
function aliasIssues(document: Document, lines: LineCounter): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  safeVisit(document, {
    Alias(_, alias, ancestors) {
      const source = alias.resolve(document);
      const where = alias.range ? ` at line ${lines.linePos(alias.range[0]).line}, column ${lines.linePos(alias.range[0]).col}` : '';
      if (source === undefined) {
        issues.push({
          path: nodePath(ancestors, alias),
          message: `YAML alias *${alias.source}${where} names no anchor defined before it; define &${alias.source} first, or write the value out`,
          received: `*${alias.source}`,
        });
      } else if ((ancestors as readonly unknown[]).includes(source)) {
        issues.push({
          path: nodePath(ancestors, alias),
          message: `YAML alias *${alias.source}${where} is inside the value its anchor names: a recursive alias makes an endless value; write the value out`,
          received: `*${alias.source}`,
        });
      }
    },
  });
  return issues;
}

/**
 * The first place where a value nests deeper than `maxDepth`, or the count
 * of values (aliases expanded) passes `maxValues`; walked without recursion,
 * so any depth is safe.
 */
function shapeIssue(value: unknown): ConfigIssue | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let count = 0;
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    count += 1;
    if (count > CONFIG_INPUT_LIMITS.maxValues) {
      return {
        path: '',
        message: `the document holds more than ${CONFIG_INPUT_LIMITS.maxValues} values once its YAML aliases are expanded (an alias bomb?); write the values out or use fewer aliases of aliases`,
      };
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= CONFIG_INPUT_LIMITS.maxDepth) {
      return {
        path: formatPath(path),
        received: current,
        message: `nests deeper than ${CONFIG_INPUT_LIMITS.maxDepth} levels; a configuration nests 6 levels, at most ${CONFIG_INPUT_LIMITS.maxDepth} are read`,
      };
    }
    const entries = Array.isArray(current) ? current.map((v, i) => [i, v] as const) : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i -= 1) stack.push({ value: entries[i][1], path: [...path, entries[i][0]] });
  }
  return undefined;
}

/** A YAML text as a plain value, or every problem that stops it from being one. */
function parseYaml(text: string, source: string): unknown {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  if (document.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
    // The parser ran out of stack: where depends on the stack, so no position; the other errors follow from it.
    throw new ConfigError(source, [
      {
        path: '',
        message: `the document nests mappings or lists too deep for the YAML parser (hundreds of levels); a configuration nests 6 levels, at most ${CONFIG_INPUT_LIMITS.maxDepth} are read`,
      },
    ]);
  }
  if (document.errors.length > 0) {
    throw new ConfigError(
      source,
      document.errors.map((e) => yamlIssue(document, e, lines)),
    );
  }
  const aliases = aliasIssues(document, lines);
  if (aliases.length > 0) throw new ConfigError(source, aliases);
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: -1 }); // aliases share their value (no copies); shapeIssue bounds the expansion
  } catch (error) {
    if (!(error instanceof RangeError || error instanceof ReferenceError)) throw error;
    throw new ConfigError(source, [
      { path: '', message: 'the YAML document cannot be turned into values (it nests too deep or its aliases loop)' },
    ]);
  }
  const shape = shapeIssue(raw);
  if (shape !== undefined) throw new ConfigError(source, [shape]);
  return raw;
}

/**
 * Reads, parses and validates a configuration file.
 *
 * @param path the YAML file
 * @param options e.g. the current time for break-glass expiries
 * @throws ConfigError listing every problem, including YAML syntax errors
 */
export function loadConfig(path: string, options: SemanticCheckOptions = {}): BaselineConfig {
  if (path.trim() === '') {
    throw new ConfigError('configuration', [
      { path: '', message: 'no configuration file named; name a YAML file, e.g. config/baseline.example.yaml', received: path },
    ]);
  }
  return parseConfigText(readConfigText(path), path, options);
}

/**
 * Parses and validates the text of a configuration (YAML or JSON), as
 * {@link loadConfig} does once it has read the file.
 *
 * @param text the file's text
 * @param source where it came from, for the error message
 * @param options e.g. the current time for break-glass expiries
 * @throws ConfigError listing every problem, including YAML syntax errors
 */
export function parseConfigText(text: string, source = 'configuration', options: SemanticCheckOptions = {}): BaselineConfig {
  if (text.length > CONFIG_INPUT_LIMITS.maxBytes) {
    throw new ConfigError(source, [
      {
        path: '',
        message: `the text is ${text.length} characters; a configuration may be at most ${CONFIG_INPUT_LIMITS.maxBytes} bytes`,
        received: text.length,
      },
    ]);
  }
  return parseConfig(parseYaml(text, source), source, options);
}
