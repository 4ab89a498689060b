/**
 * Bad input at scale: a corpus of invalid configuration files, each with the
 * exact error lines it must fail with, and property-based tests that
 * generate configurations (valid and mutated). Every configuration either
 * synthesizes cleanly with every check on or fails with listed
 * `ConfigError` issues: never another exception.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as fc from 'fast-check';
import {
  addBaselineStacks,
  applyPolicyChecks,
  createApp,
  loadConfig,
  MAX_PRINTED_ISSUES,
  parseConfig,
  parseConfigText,
  PROJECT_ROOT,
  buildReport,
} from '../../lib/internal';
import { type BaselineConfig, ConfigError, CLASSIFICATIONS, TIERS } from '../../lib/model';
import { generateConfig, GENERATED_REGION_PLANS } from '../../lib/config/generate';
import { exampleRaw } from '../util';

const FIXTURES = join(__dirname, '..', 'fixtures', 'invalid');
/** "Now" for every fixture, so that break-glass expiries give the same lines on any day. */
const FIXTURE_NOW = new Date('2026-12-01T00:00:00Z');

describe('invalid configuration corpus (test/fixtures/invalid)', () => {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  test('has at least 40 cases, each with its expected lines', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const expected = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.expected'))
      .sort();
    expect(expected).toEqual(files.map((f) => f.replace(/\.yaml$/, '.expected')));
  });

  test.each(files)('%s fails with exactly its expected lines', (file) => {
    const path = relative(PROJECT_ROOT, join(FIXTURES, file));
    const expected = readFileSync(join(FIXTURES, file.replace(/\.yaml$/, '.expected')), 'utf8').trimEnd();
    let error: unknown;
    try {
      loadConfig(path, { now: FIXTURE_NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(expected);
  });
});

/** The outcome of validating a raw document: a configuration, or the issue lines. Anything else is thrown. */
function validate(raw: unknown): { config?: BaselineConfig; issues?: readonly string[] } {
  try {
    return { config: parseConfig(raw, 'generated') };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { issues: error.issues.map((i) => `${i.path}: ${i.message}`) };
  }
}

/** Paths into a document (objects and arrays), for mutations. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', 'eu-moon-1', 'UPPER', 'a--b', '-x', 'critical', 'phi', '111111111111', 'arn:aws:iam::1:role/x', 'x'.repeat(70)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);

describe('property: a mutated configuration is valid or lists its issues, never crashes', () => {
  test('random edits of a generated configuration (validation only)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.tuple(fc.nat(), junk, fc.boolean()), { minLength: 1, maxLength: 4 }),
        (clients, seed, edits) => {
          const raw = generateConfig({ clients, seed }) as any;
          for (const [pick, value, remove] of edits) {
            const all = paths(raw).filter((p) => p.length > 0);
            const path = all[pick % all.length];
            const parent = path.slice(0, -1).reduce((v: any, k) => v[k], raw);
            if (parent === null || typeof parent !== 'object') continue;
            const key = path[path.length - 1];
            if (remove && !Array.isArray(parent)) delete parent[key];
            else parent[key] = value;
          }
          const outcome = validate(raw);
          if (outcome.issues) {
            expect(outcome.issues.length).toBeGreaterThan(0);
            for (const line of outcome.issues) expect(line).toMatch(/^[^\n]*: \S/);
          } else {
            expect(outcome.config!.clients.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });

  test('unknown fields anywhere are refused by name', () => {
    fc.assert(
      fc.property(fc.nat(), fc.stringMatching(/^[a-z][a-zA-Z]{2,10}$/), (pick, field) => {
        const raw = generateConfig({ clients: 2 }) as any;
        const objects = paths(raw)
          .map((p) => ({ p, v: p.reduce((v: any, k) => v[k], raw) }))
          .filter(({ v }) => v !== null && typeof v === 'object' && !Array.isArray(v));
        const target = objects[pick % objects.length];
        fc.pre(
          !(field in target.v) &&
            !['name', 'classification', 'retentionDays', 'account', 'operators', 'readers', 'auditors'].includes(field),
        );
        target.v[field] = 'x';
        const outcome = validate(raw);
        expect(outcome.issues).toEqual(expect.arrayContaining([expect.stringContaining(`unknown field "${field}"`)]));
      }),
      { numRuns: 100, seed: 8 },
    );
  });
});

/** A configuration built from arbitrary (often valid) choices, checked with every pack. */
const slug = fc.stringMatching(/^[a-z][a-z0-9]{1,6}$/);
const datasetArb = fc.record({
  name: slug,
  classification: fc.constantFrom(...CLASSIFICATIONS),
  tier: fc.constantFrom(...TIERS),
  retentionDays: fc.option(fc.integer({ min: 1, max: 36500 }), { nil: undefined }),
});
const clientArb = fc.record({
  id: slug,
  plan: fc.nat({ max: GENERATED_REGION_PLANS.length - 1 }),
  ownAccount: fc.boolean(),
  datasets: fc.array(datasetArb, { minLength: 1, maxLength: 3 }),
});

describe('property: an arbitrary configuration synthesizes with every check and no finding, or fails with listed issues', () => {
  test('full synth with every pack (few runs)', () => {
    fc.assert(
      fc.property(fc.array(clientArb, { minLength: 1, maxLength: 3 }), (clients) => {
        const raw = {
          provider: { name: 'msp', account: '111111111111', homeRegion: 'eu-west-1', alerts: { emails: ['secops@example.com'] } },
          clients: clients.map((c, i) => {
            const plan = GENERATED_REGION_PLANS[c.plan];
            return {
              id: c.id,
              name: `Client ${i}`,
              ...(c.ownAccount ? { account: '222222222222' } : {}),
              regions: { primary: plan.primary, replica: plan.replica, allowed: [...plan.allowed] },
              datasets: c.datasets.map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined))),
            };
          }),
        };
        const outcome = validate(raw);
        if (outcome.issues) {
          // Duplicate ids or names are the only way these choices can be wrong.
          for (const line of outcome.issues) expect(line).toMatch(/duplicate|collides/);
          return;
        }
        const app = createApp({ autoSynth: false });
        addBaselineStacks(app, outcome.config!);
        applyPolicyChecks(app);
        const assembly = app.synth(); // throws on any finding
        expect(buildReport(outcome.config!, app, assembly).findings).toEqual([]);
        expect(assembly.stacks.filter((st) => st.tags['client-id'] !== undefined)).toHaveLength(2 * outcome.config!.clients.length);
      }),
      { numRuns: 4, seed: 8 },
    );
  });
});

/** The bundled example's text: the starting point of textual mutations. */
const EXAMPLE_TEXT = readFileSync(join(PROJECT_ROOT, 'config', 'baseline.example.yaml'), 'utf8');

/** Text that YAML, zod, IAM, CloudFormation or aws-cdk-lib treat specially. */
const hostileText = fc.constantFrom(
  '&a ',
  '*a',
  '*nope',
  '<<: *a',
  '!!binary ',
  '!!str ',
  '? ',
  '- ',
  ': ',
  ' #',
  '\t',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '|',
  '>',
  '%',
  '@',
  '`',
  '\u0000',
  '\u001b[31m',
  '\ufeff',
  'Ł',
  '€',
  '😀',
  '${Token[TOKEN.1]}',
  '#{Token[L.2]}',
  '.nan',
  '.inf',
  '-.inf',
  '~',
  'null',
  'true',
  '0x1F',
  '1e400',
  '---\n',
  '...\n',
  '\n',
  '  ',
  'constructor',
  '__proto__',
  'x'.repeat(300),
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  'cron(0 3 * * * *)',
  'role/ops/',
);

/** One textual edit of a YAML text. */
const textEdit = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(hostileText, fc.string({ unit: 'grapheme', maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);
type TextEdit = typeof textEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of edits) {
    const lines = out.split('\n');
    const line = edit.at % lines.length;
    if (edit.kind === 'insert') out = `${out.slice(0, edit.at % (out.length + 1))}${edit.text}${out.slice(edit.at % (out.length + 1))}`;
    else if (edit.kind === 'delete')
      out = `${out.slice(0, edit.at % (out.length + 1))}${out.slice((edit.at % (out.length + 1)) + edit.length)}`;
    else if (edit.kind === 'duplicateLine') out = [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    else if (edit.kind === 'swapLines') {
      const other = edit.other % lines.length;
      [lines[line], lines[other]] = [lines[other], lines[line]];
      out = lines.join('\n');
    } else {
      lines[line] = edit.by >= 0 ? `${' '.repeat(edit.by)}${lines[line]}` : lines[line].replace(new RegExp(`^ {0,${-edit.by}}`), '');
      out = lines.join('\n');
    }
  }
  return out;
}

/** A refusal's message has the promised form: a header, one line per issue (at most the cap, the rest counted), nothing raw. */
function expectWellFormed(error: ConfigError, source: string): void {
  const lines = error.message.split('\n');
  expect(lines[0]).toBe(`${source} has ${error.issues.length} ${error.issues.length === 1 ? 'issue' : 'issues'}:`);
  expect(error.issues.length).toBeGreaterThan(0);
  expect(lines.length).toBeLessThanOrEqual(MAX_PRINTED_ISSUES + 2);
  for (const line of lines.slice(1))
    expect(line).toMatch(/^ {2}(- [^\n]*: \S.* \(received .+\)|\.\.\. and \d+ more issues? \(the first \d+ are shown\))$/);
  expect(error.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/); // control characters are escaped
}

const MUTATION_NOW = new Date('2026-12-01T00:00:00Z');

describe('property: a mutated example is accepted or refused cleanly, never a crash', () => {
  test('textual mutations (in process, parseConfigText)', () => {
    fc.assert(
      fc.property(fc.array(textEdit, { minLength: 1, maxLength: 5 }), (edits) => {
        const text = applyEdits(EXAMPLE_TEXT, edits);
        try {
          expect(parseConfigText(text, 'mutated.yaml', { now: MUTATION_NOW }).clients.length).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expectWellFormed(error, 'mutated.yaml');
        }
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  const hostileValue = fc.oneof(
    junk,
    hostileText,
    fc.constantFrom(
      NaN,
      Infinity,
      -Infinity,
      -0,
      2 ** 64,
      'arn:aws:iam::111111111111:role/ops/',
      'Jane <j@x.com>',
      'Łukasz',
      'cron(0 3 ? * 2#6 *)',
    ),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.constant(null).map(() => Array.from({ length: 40 }).reduce<unknown>((inner) => ({ x: inner }), 1)), // fresh each time: edits may change it
    fc.constant(null).map(() => ['constructor', 'constructor']),
  );

  test('structural mutations with hostile values (in process, parseConfig)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), hostileValue, fc.boolean()), { minLength: 1, maxLength: 4 }), (edits) => {
        const raw = exampleRaw() as any;
        for (const [pick, value, remove] of edits) {
          const all = paths(raw).filter((p) => p.length > 0);
          const path = all[pick % all.length];
          const parent = path.slice(0, -1).reduce((v: any, k) => v[k], raw);
          if (parent === null || typeof parent !== 'object') continue;
          const key = path[path.length - 1];
          if (remove && !Array.isArray(parent)) delete parent[key];
          else parent[key] = value;
        }
        try {
          parseConfig(raw, 'mutated', { now: MUTATION_NOW });
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expectWellFormed(error, 'mutated');
        }
      }),
      { numRuns: 150, seed: 15 },
    );
  });

  test('the main job (child process) refuses mutated examples with exactly the in-process lines, exit 1, no stack trace, no files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdb-mutated-'));
    let run = 0;
    fc.assert(
      fc.property(fc.array(textEdit, { minLength: 1, maxLength: 5 }), (edits) => {
        const text = applyEdits(EXAMPLE_TEXT, edits);
        let expected: string | undefined;
        try {
          parseConfigText(text, 'x', { now: MUTATION_NOW });
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expected = error.message;
        }
        fc.pre(expected !== undefined); // a full synth of an accepted mutation is the main-job tests' business
        run += 1;
        const config = join(dir, `mutated-${run}.yaml`);
        const outdir = join(dir, `out-${run}`);
        writeFileSync(config, text);
        const result = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bin', 'app.ts')], {
          cwd: PROJECT_ROOT,
          encoding: 'utf8',
          env: {
            ...process.env,
            CDK_OUTDIR: outdir,
            CDK_CONTEXT_JSON: JSON.stringify({ config, now: MUTATION_NOW.toISOString() }),
          },
        });
        const source = config;
        expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
          status: 1,
          stdout: '',
          stderr: `Configuration error: ${expected!.replace(/^x has/, `${source} has`)}\n`,
        });
        expect(existsSync(outdir)).toBe(false);
      }),
      { numRuns: 4, seed: 15 },
    );
  });
});
