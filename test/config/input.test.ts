/**
 * The loader against hostile input (issue 15): file limits, value echoes,
 * the print cap, IAM's ARN grammar, semantic checks on the parts that parsed,
 * and user-chosen keys.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import {
  addBaselineStacks,
  builtConfig,
  CONFIG_INPUT_LIMITS,
  ConfigError,
  describeValue,
  formatPath,
  loadConfig,
  MAX_PRINTED_ISSUES,
  parseConfig,
  parseConfigText,
} from '../../lib/internal';
import { IAM_PRINCIPAL_ARN_PATTERN, iamPrincipalArnProblem } from '../../lib/model';
import { exampleRaw, plainApp, refusalOf, variant } from '../util';

const dir = mkdtempSync(join(tmpdir(), 'cdb-input-'));

describe('values echoed in messages', () => {
  test('YAML .nan and .inf are shown as what they are', () => {
    expect([NaN, Infinity, -Infinity, 1.5].map(describeValue)).toEqual(['.nan', '.inf', '-.inf', '1.5']);
  });

  test('a circular value is shown, not a crash', () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    expect(describeValue(value)).toBe('{"a":1,"self":[circular]}');
  });

  test('a large value is cut at 80 characters without being serialized whole', () => {
    const huge = Array.from({ length: 1_000_000 }, (_, i) => ({ i }));
    const text = describeValue(huge);
    expect(text).toHaveLength(80);
    expect(text.startsWith('[{"i":0},{"i":1},')).toBe(true);
    expect(text.endsWith('...')).toBe(true);
  });

  test('control characters are escaped, so that an issue stays on one line', () => {
    expect(describeValue('a\nb\u001b[31m')).toBe('"a\\nb\\u001b[31m"');
    expect(describeValue(undefined)).toBe('nothing');
  });

  test('a key that is not a plain name is quoted in a path', () => {
    expect(formatPath(['clients', 0, 'name'])).toBe('clients[0].name');
    expect(formatPath(['provider', 'a b', 'x\ny', '__proto__'])).toBe('provider["a b"]["x\\ny"].__proto__');
  });
});

describe('the print cap', () => {
  test(`at most ${MAX_PRINTED_ISSUES} issues are printed, the rest counted; every issue is kept`, () => {
    const issues = Array.from({ length: 120 }, (_, i) => ({ path: `clients[${i}].id`, message: 'bad', received: i }));
    const error = new ConfigError('big.yaml', issues);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('big.yaml has 120 issues:');
    expect(lines).toHaveLength(1 + MAX_PRINTED_ISSUES + 1);
    expect(lines[MAX_PRINTED_ISSUES]).toBe('  - clients[49].id: bad (received 49)');
    expect(lines[MAX_PRINTED_ISSUES + 1]).toBe('  ... and 70 more issues (the first 50 are shown)');
    expect(error.issues).toHaveLength(120);
  });
});

describe('file limits', () => {
  const refusal = (path: string) => refusalOf(() => loadConfig(path));

  test('a file over the size cap is refused before it is read', () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, `# ${'x'.repeat(CONFIG_INPUT_LIMITS.maxBytes)}\n`);
    expect(refusal(path)).toEqual([
      `(top level): the file is ${CONFIG_INPUT_LIMITS.maxBytes + 3} bytes; a configuration may be at most ${CONFIG_INPUT_LIMITS.maxBytes} bytes (2 MiB) (received ${CONFIG_INPUT_LIMITS.maxBytes + 3})`,
    ]);
  });

  test('a directory is refused', () => {
    mkdirSync(join(dir, 'a-directory.yaml'));
    expect(refusal(join(dir, 'a-directory.yaml'))[0]).toMatch(/^\(top level\): cannot read the configuration: it is not a regular file/);
  });

  test('a named pipe is refused without waiting for a writer', () => {
    const path = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [path]);
    expect(refusal(path)[0]).toMatch(/^\(top level\): cannot read the configuration: it is not a regular file/);
  });

  test('a file that is not UTF-8 is refused', () => {
    const path = join(dir, 'latin1.yaml');
    writeFileSync(path, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(refusal(path)).toEqual(['(top level): the file is not UTF-8 text; save it as UTF-8 (received "8 bytes")']);
  });

  test('an empty path is refused with a clear message', () => {
    expect(refusalOf(() => loadConfig(''))).toEqual([
      '(top level): no configuration file named; name a YAML file, e.g. config/baseline.example.yaml (received "")',
    ]);
  });

  test('text passed directly is held to the same cap', () => {
    expect(refusalOf(() => parseConfigText(' '.repeat(CONFIG_INPUT_LIMITS.maxBytes + 1)))[0]).toMatch(/^\(top level\): the text is/);
  });
});

describe("IAM's ARN grammar", () => {
  const segment = fc.stringMatching(/^[\w+=,.@-]{1,12}$/);
  const arn = fc.oneof(
    fc
      .tuple(fc.constantFrom('role', 'user'), fc.array(segment, { maxLength: 3 }), fc.stringMatching(/^[\w+=,.@-]{0,70}$/))
      .map(([kind, path, name]) => `arn:aws:iam::111111111111:${kind}/${path.map((p) => `${p}/`).join('')}${name}`),
    fc.string({ maxLength: 60 }).map((tail) => `arn:aws:iam::111111111111:${tail}`),
    fc.constantFrom('arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:role//x', 'arn:aws:iam::1:role/x'),
  );

  test('the published pattern and the check agree (paths within 512 characters)', () => {
    fc.assert(
      fc.property(arn, (value) => {
        expect(iamPrincipalArnProblem(value) === undefined).toBe(IAM_PRINCIPAL_ARN_PATTERN.test(value));
      }),
      { numRuns: 500, seed: 15 },
    );
  });

  test('a path over 512 characters is refused', () => {
    const path = `/${'p'.repeat(511)}/`;
    expect(iamPrincipalArnProblem(`arn:aws:iam::111111111111:role${path}x`)).toBe('the path is 513 characters; IAM allows at most 512');
    expect(iamPrincipalArnProblem(`arn:aws:iam::111111111111:role/${'p'.repeat(510)}/x`)).toBeUndefined();
  });
});

describe('semantic checks run on every part that parsed', () => {
  const issues = (change: (raw: any) => void) => refusalOf(() => parseConfig(variant(change), 'test.yaml'));

  test('a bad provider field stops only the checks that read it', () => {
    expect(
      issues((r) => {
        r.provider.name = 'BAD';
        r.clients[1].id = 'acme'; // a duplicate id: reported, it needs no provider field
        r.clients[2].regions.replica = r.clients[2].regions.primary;
      }),
    ).toEqual([
      `provider.name: provider.name must be a lowercase slug: a-z, 0-9 and '-', starting with a letter, not ending with '-' (received "BAD")`,
      'clients[1].id: duplicate client id; clients[0] already uses it, ids must be unique (received "acme")',
      'clients[2].regions.replica: client "initech": replica region must differ from the primary region "eu-central-1" (received "eu-central-1")',
    ]);
  });

  test('a bad client field stops only the checks that read it, for that client', () => {
    expect(
      issues((r) => {
        r.clients[0].datasets[0].tier = 'gold'; // the client's backup terms and dataset names cannot be checked
        r.clients[0].regions.replica = r.clients[0].regions.primary; // its regions can
      }),
    ).toEqual([
      'clients[0].datasets[0].tier: expected one of critical, important, non-essential (received "gold")',
      'clients[0].regions.replica: client "acme": replica region must differ from the primary region "eu-west-1" (received "eu-west-1")',
    ]);
  });

  test('a document of the wrong shape gives the schema issue alone', () => {
    expect(refusalOf(() => parseConfig({ provider: 'x', clients: 'y' }))).toEqual([
      'provider: Invalid input: expected object, received string (received "x")',
      'clients: Invalid input: expected array, received string (received "y")',
    ]);
  });
});

describe('user-chosen keys', () => {
  test('a client id naming an Object.prototype member is reported only when built', () => {
    const raw = exampleRaw() as any;
    raw.clients[1].id = 'constructor';
    const config = parseConfig(raw, 'test.yaml');
    const built = addBaselineStacks(plainApp(), config, { onlyClients: ['acme'] });
    expect('constructor' in built.clients).toBe(true); // what a plain lookup would believe
    expect(builtConfig(config, built).clients.map((c) => c.id)).toEqual(['acme']);
  });

  test('prototype-named keys in the document are fields like any other', () => {
    const raw = exampleRaw() as any;
    raw.clients[0] = JSON.parse(JSON.stringify(raw.clients[0]).replace('{', '{"__proto__":{"account":"222222222222"},'));
    expect(refusalOf(() => parseConfig(raw, 'test.yaml'))).toEqual([
      'clients[0].__proto__: unknown field "__proto__"; check the spelling against config/baseline.schema.json (received {"account":"222222222222"})',
    ]);
  });
});
