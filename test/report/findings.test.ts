/**
 * Findings where the user looks: every plugin's findings, read from the
 * assembly's validation report, one line per rule in the terminal, also
 * under `cdk synth --quiet`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Finding,
  formatFindings,
  NO_FIX_GIVEN,
  PROJECT_ROOT,
  printFindings,
  readFindings,
  VALIDATION_REPORT_FILE,
} from '../../lib/internal';

const finding = (rule: string, resources: string[], extra: Partial<Finding> = {}): Finding => ({
  plugin: 'P',
  rule,
  severity: 'error',
  description: `${rule} is broken`,
  resources,
  ...extra,
});

describe('formatFindings', () => {
  test('one line per rule: count, first resources, the first finding and its fix', () => {
    const resources = Array.from({ length: 2000 }, (_, i) => `stack/B${String(i).padStart(4, '0')}`);
    const text = formatFindings([
      finding('R-One', ['stack/Only'], { fix: 'Do this.' }),
      ...resources.map((r) => finding('R-Many[detail]', [r], { fix: 'Do that.' })),
    ]);
    expect(text.split('\n')).toEqual([
      '2001 findings of 2 rules (one line per rule):',
      '  ERROR R-Many x2000 (P) on stack/B0000, stack/B0001, stack/B0002 and 1997 more: first: [detail] R-Many[detail] is broken Fix: Do that.',
      '  ERROR R-One x1 (P) on stack/Only: R-One is broken Fix: Do this.',
    ]);
  });

  test('a finding naming several resources counts once per resource; a finding naming none counts once', () => {
    const text = formatFindings([finding('R', ['a', 'b', 'c', 'd'], { fix: 'F.' }), finding('R', [], { fix: 'F.' })]);
    expect(text.split('\n')).toEqual([
      '5 findings of 1 rule (one line per rule):',
      '  ERROR R x5 (P) on a, b, c and 1 more: first: R is broken Fix: F.',
    ]);
  });

  test('the same rule from two plugins, or at two severities, is two lines; lines are sorted by rule', () => {
    const text = formatFindings([
      finding('Z', ['z'], { fix: 'F.' }),
      finding('A', ['a'], { plugin: 'Q', fix: 'F.' }),
      finding('A', ['a'], { fix: 'F.' }),
      finding('A', ['a'], { severity: 'warning', fix: 'F.' }),
    ]);
    expect(text.split('\n').slice(1)).toEqual([
      '  ERROR A x1 (P) on a: A is broken Fix: F.',
      '  WARNING A x1 (P) on a: A is broken Fix: F.',
      '  ERROR A x1 (Q) on a: A is broken Fix: F.',
      '  ERROR Z x1 (P) on z: Z is broken Fix: F.',
    ]);
  });

  test('long descriptions are cut; a rule without a fix gets the general advice once; the report path closes the list', () => {
    const text = formatFindings([finding('R', ['a'], { description: 'x'.repeat(500) }), finding('S', ['b'])], {
      descriptionShown: 20,
      reportPath: 'cdk.out/validation-report.json',
    });
    expect(text.split('\n')).toEqual([
      '2 findings of 2 rules (one line per rule):',
      `  ERROR R x1 (P) on a: ${'x'.repeat(19)}…`,
      '  ERROR S x1 (P) on b: S is broken',
      `  ${NO_FIX_GIVEN}`,
      '  Every finding in full: cdk.out/validation-report.json',
    ]);
  });
});

describe('readFindings', () => {
  test('reads every plugin report of validation-report.json, with construct paths or template and logical id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdb-findings-'));
    writeFileSync(
      join(dir, VALIDATION_REPORT_FILE),
      JSON.stringify({
        pluginReports: [
          {
            pluginName: 'A',
            violations: [
              {
                ruleName: 'A-1[x]',
                description: 'two\n  lines',
                suggestedFix: 'fix it',
                severity: 'error',
                violatingConstructs: [{ constructPath: 's/R' }, { templatePath: 's.template.json', resourceLogicalId: 'L1' }],
              },
            ],
          },
          { pluginName: 'B', violations: [{ ruleName: 'B-1', description: 'd', violatingConstructs: [] }] },
          { pluginName: 'C', violations: [] },
        ],
      }),
    );
    expect(readFindings(dir)).toEqual([
      { plugin: 'A', rule: 'A-1[x]', severity: 'error', description: 'two lines', fix: 'fix it', resources: ['s/R', 's.template.json L1'] },
      { plugin: 'B', rule: 'B-1', severity: 'error', description: 'd', resources: [] },
    ]);
    const printed: string[] = [];
    expect(printFindings(dir, (t) => printed.push(t))).toBe(3);
    expect(printed[0].split('\n')[0]).toBe('3 findings of 2 rules (one line per rule):');
  });

  test('an assembly without a validation report has no findings and prints nothing', () => {
    const printed: string[] = [];
    expect(readFindings(mkdtempSync(join(tmpdir(), 'cdb-findings-')))).toEqual([]);
    expect(printFindings(mkdtempSync(join(tmpdir(), 'cdb-findings-')), (t) => printed.push(t))).toBe(0);
    expect(printed).toEqual([]);
  });
});

describe('cdk synth --quiet prints every plugin’s findings', () => {
  // test/fixtures/findings/app.ts: the example plus a stack breaking the packs' rules 12 times each, a stack
  // limit, and a role in acme's stack that reads globex's data (the proof and the pack).
  let result: SpawnSyncReturns<string>;
  let lines: string[];
  beforeAll(() => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdb-findings-app-'));
    result = spawnSync(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk'),
      ['synth', '--quiet', '--app', 'npx tsx test/fixtures/findings/app.ts', '--output', outdir],
      { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    lines = result.stderr.split('\n');
  });
  const line = (prefix: string) => lines.filter((l) => l.startsWith(prefix));

  test('the synth fails', () => {
    expect(result.status).not.toBe(0);
  });

  test('one line per rule with its count, the first resources and what is wrong', () => {
    expect(line('  ERROR AwsSolutions-S1 ')).toEqual([
      '  ERROR AwsSolutions-S1 x12 (AwsSolutions) on rogue/Plain0, rogue/Plain1, rogue/Plain10 and 9 more: first: The S3 Bucket has server access logs disabled.',
    ]);
    for (const pack of ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']) {
      expect(
        line(`  ERROR ${pack}-S3BucketVersioningEnabled x12 (${pack}) on rogue/Plain0, rogue/Plain1, rogue/Plain10 and 9 more: `),
      ).toHaveLength(1);
    }
    expect(line('  ERROR CDB-StatefulResourceRetained x12 (ClientDataBaseline) on rogue/Plain0, ')).toHaveLength(1);
    expect(line('  ERROR CDB-IamNoCrossClientResource x1 (ClientDataBaseline) on acme-data/Snoop/Resource: ')).toHaveLength(1);
  });

  test('the stack-limit plugin’s finding, with its fix', () => {
    expect(line('  ERROR CDB-StackOutputCount ')).toEqual([
      '  ERROR CDB-StackOutputCount x1 (ClientDataBaselineStackLimits) on rogue: [201 outputs, limit 200] [CDM-3.3-SEGREGATE] CDB-StackOutputCount: the template of stack rogue has 201 outputs; CloudFormation refuses more than 200 at deploy time. Fix: Split the stack (one client per stack pair) or reduce what it holds.',
    ]);
  });

  test('the isolation proof’s findings, with their fixes', () => {
    const leak = line('  ERROR TenantLeak ');
    expect(leak).toHaveLength(1);
    expect(leak[0]).toMatch(
      /^ {2}ERROR TenantLeak x\d+ \(TenantIsolationProof\) on acme-data\/Snoop\/Resource: first: \[CDM-3\.3-TENANT-ISOLATION, DP-ABAC\] .*client globex.* Fix: A principal can reach another client's data/,
    );
    expect(line('  ERROR UnprovableWildcard x1 (TenantIsolationProof) on acme-data/Snoop/Resource: ')).toHaveLength(1);
  });

  test('CDK’s own CloudFormation validation reports through the same list', () => {
    expect(line('  ERROR F0004 x1 (CloudFormation Validate) on rogue: Template has 201 outputs, maximum is 200')).toHaveLength(1);
  });

  test('a heading counting every finding, the general advice, the report path; CDK’s long report is not printed', () => {
    const heading = lines.find((l) => / findings of \d+ rules \(one line per rule\):$/.test(l));
    expect(heading).toBeDefined();
    const ruleLines = lines.filter((l) => /^ {2}(ERROR|WARNING|FATAL|INFO) /.test(l));
    const total = ruleLines.reduce((n, l) => n + Number(/ x(\d+) /.exec(l)?.[1] ?? NaN), 0);
    expect(heading).toBe(`${total} findings of ${ruleLines.length} rules (one line per rule):`);
    expect(lines).toContain(`  ${NO_FIX_GIVEN}`);
    expect(lines.some((l) => l.startsWith('  Every finding in full: ') && l.endsWith(VALIDATION_REPORT_FILE))).toBe(true);
    expect(result.stderr).not.toMatch(/Validation Report|Policy Validation Report/);
  });
});
