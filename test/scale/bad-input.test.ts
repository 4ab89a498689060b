/**
 * Bad input at scale: a corpus of invalid configuration files, each with the
 * exact error lines it must fail with, and property-based tests that
 * generate configurations (valid and mutated). Every configuration either
 * synthesizes cleanly with every check on or fails with listed
 * `ConfigError` issues: never another exception.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as fc from 'fast-check';
import { addBaselineStacks, applyPolicyChecks, createApp, loadConfig, parseConfig, PROJECT_ROOT, buildReport } from '../../lib';
import { type BaselineConfig, ConfigError, CLASSIFICATIONS, TIERS } from '../../lib/model';
import { generateConfig, GENERATED_REGION_PLANS } from '../../lib/config/generate';

const FIXTURES = join(__dirname, '..', 'fixtures', 'invalid');

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
      loadConfig(path);
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
