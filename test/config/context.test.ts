/**
 * Context values (`-c key=value`) are untrusted input: every key the main
 * job reads is validated, every problem listed with the key, the value and
 * what is allowed, before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXT_KEYS, ConfigError, DEFAULT_CONFIG_PATH, PROJECT_ROOT, readMainJobContext } from '../../lib/internal';

/** The issue lines a context is refused with; empty when accepted. */
function refusal(context: Record<string, unknown>): string[] {
  try {
    readMainJobContext((key) => context[key]);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message.split('\n').slice(1);
  }
}

describe('context values', () => {
  test('the main job reads exactly these keys', () => {
    expect(CONTEXT_KEYS).toEqual(['config', 'now', 'clients', 'pipeline']);
  });

  test('absent keys take their defaults', () => {
    expect(readMainJobContext(() => undefined)).toEqual({
      configPath: DEFAULT_CONFIG_PATH,
      now: undefined,
      clients: undefined,
      pipeline: false,
    });
  });

  test('good values are read', () => {
    const context = { config: 'clients.yaml', now: '2026-12-01T01:30:00+01:00', clients: ' acme, globex ,', pipeline: 'true' };
    expect(readMainJobContext((key) => context[key])).toEqual({
      configPath: 'clients.yaml',
      now: new Date('2026-12-01T00:30:00Z'),
      clients: ['acme', 'globex'],
      pipeline: true,
    });
    expect(readMainJobContext((key) => ({ clients: ['acme'], pipeline: false })[key as 'clients' | 'pipeline']).clients).toEqual(['acme']);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    [
      'an invalid date',
      { now: 'garbage' },
      ['  - context.now: expected an ISO 8601 date-time with a zone, e.g. -c now=2026-12-01T00:00:00Z (received "garbage")'],
    ],
    [
      'a date that does not exist',
      { now: '2026-02-30T00:00:00Z' },
      ['  - context.now: expected an ISO 8601 date-time with a zone, e.g. -c now=2026-12-01T00:00:00Z (received "2026-02-30T00:00:00Z")'],
    ],
    [
      'a date without a zone',
      { now: '2026-12-01T00:00:00' },
      ['  - context.now: expected an ISO 8601 date-time with a zone, e.g. -c now=2026-12-01T00:00:00Z (received "2026-12-01T00:00:00")'],
    ],
    [
      'an empty configuration path',
      { config: '' },
      ['  - context.config: expected the path of a YAML configuration file, e.g. -c config=config/baseline.example.yaml (received "")'],
    ],
    [
      'a configuration path that is not text',
      { config: 42 },
      ['  - context.config: expected the path of a YAML configuration file, e.g. -c config=config/baseline.example.yaml (received 42)'],
    ],
    [
      'a configuration path with a control character',
      { config: 'a\nb.yaml' },
      ['  - context.config: expected a file path of at most 4096 characters without control characters (received "a\\nb.yaml")'],
    ],
    [
      'an empty client list',
      { clients: ' , ' },
      ['  - context.clients: expected client ids, comma-separated, e.g. -c clients=acme,globex (received " , ")'],
    ],
    [
      'a client list that is not text',
      { clients: [1, 2] },
      ['  - context.clients: expected client ids, comma-separated, e.g. -c clients=acme,globex (received [1,2])'],
    ],
    [
      'a pipeline flag that is not true or false',
      { pipeline: 'yes' },
      ['  - context.pipeline: expected true or false, e.g. -c pipeline=true (received "yes")'],
    ],
    [
      'every bad key at once',
      { config: '', now: 'x', clients: '', pipeline: 1 },
      [
        '  - context.config: expected the path of a YAML configuration file, e.g. -c config=config/baseline.example.yaml (received "")',
        '  - context.now: expected an ISO 8601 date-time with a zone, e.g. -c now=2026-12-01T00:00:00Z (received "x")',
        '  - context.clients: expected client ids, comma-separated, e.g. -c clients=acme,globex (received "")',
        '  - context.pipeline: expected true or false, e.g. -c pipeline=true (received 1)',
      ],
    ],
  ])('%s is refused with its key, value and what is allowed', (_, context, expected) => {
    expect(refusal(context)).toEqual(expected);
  });
});

describe('the main job refuses bad context before it builds anything (child process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdb-context-'));
  const run = (outdir: string, context: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bin', 'app.ts')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    });

  test.each<[Record<string, string>, string]>([
    [
      { now: 'garbage' },
      'Configuration error: context (-c key=value) has 1 issue:\n  - context.now: expected an ISO 8601 date-time with a zone, e.g. -c now=2026-12-01T00:00:00Z (received "garbage")\n',
    ],
    [
      { config: '' },
      'Configuration error: context (-c key=value) has 1 issue:\n  - context.config: expected the path of a YAML configuration file, e.g. -c config=config/baseline.example.yaml (received "")\n',
    ],
  ])('%j: exit 1, the issue and nothing else, no files', (context, expected) => {
    const outdir = join(dir, Object.keys(context)[0]);
    const result = run(outdir, context);
    expect({ status: result.status, stderr: result.stderr, stdout: result.stdout }).toEqual({ status: 1, stderr: expected, stdout: '' });
    expect(existsSync(outdir)).toBe(false);
  });
});
