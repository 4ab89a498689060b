/**
 * The CI step over AWS's validators (scripts/cfn-validate.ts): how it reads
 * cfn-lint, matches Control Tower findings to their exceptions, and which
 * guard rules it runs. The step itself runs in .ci/run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  applyExceptions,
  CFN_LINT_CONFIG,
  CONTROL_TOWER_EXCEPTIONS,
  type GuardFinding,
  guardRulesFor,
  parseCfnLint,
  pathMatches,
  readExceptions,
} from '../../scripts/cfn-validate';

const finding = (control: string, resource: string): GuardFinding => ({ control, rule: 'r', description: 'd', resource });

test('CDK path patterns: * stands for any characters, everything else is literal', () => {
  expect(pathMatches('*/Dataset-*/Resource', 'acme-data/Dataset-records/Resource')).toBe(true);
  expect(pathMatches('*/Dataset-*/Resource', 'pipeline/Primaries-1/acme-data/Dataset-records/Resource')).toBe(true);
  expect(pathMatches('*/Dataset-*/Resource', 'acme-data/Dataset-records/Policy/Resource2')).toBe(false);
  expect(pathMatches('a.b/Resource', 'aXb/Resource')).toBe(false);
});

test('an exception explains the findings of its control on its resources only; an exception matching nothing is stale', () => {
  const exceptions = [
    { control: 'CT.S3.PR.9', resources: ['*/Dataset-*/Resource'], reason: 'erasure at offboarding needs it' },
    { control: 'CT.S3.PR.2', resources: ['*/AccessLogs/Resource'], reason: 'a log bucket does not log itself' },
  ];
  const result = applyExceptions(
    [
      finding('CT.S3.PR.9', 'acme-data/Dataset-records/Resource'),
      finding('CT.S3.PR.9', 'acme-data/AccessLogs/Resource'),
      finding('CT.S3.PR.4', 'acme-data/Dataset-records/Resource'),
    ],
    exceptions,
  );
  expect(result.explained).toBe(1);
  expect(result.unexplained.map((f) => `${f.control} ${f.resource}`)).toEqual([
    'CT.S3.PR.9 acme-data/AccessLogs/Resource',
    'CT.S3.PR.4 acme-data/Dataset-records/Resource',
  ]);
  expect(result.stale).toEqual([exceptions[1]]);
});

test('the exceptions file: every entry has a control id, resources and a reason', () => {
  const exceptions = readExceptions(CONTROL_TOWER_EXCEPTIONS);
  expect(exceptions.length).toBeGreaterThan(0);
  expect(exceptions.map((e) => e.control)).not.toContain('CT.KMS.PR.3'); // met
  // CT.CLOUDWATCH.PR.3 is met by every log group of the baseline's own (the replica-key lookup's is encrypted with the
  // alert key): its one exception is CDK Pipelines' auto-approve log group, whose key aws-cdk-lib does not expose.
  const logGroups = exceptions.filter((e) => e.control === 'CT.CLOUDWATCH.PR.3');
  expect(logGroups.flatMap((e) => e.resources)).toEqual(['*/PipelinesSecurityCheck/CDKPipelinesAutoApprove/LogGroup/Resource']);
  expect(
    logGroups
      .flatMap((e) => e.resources)
      .some((p) => pathMatches(p, 'precision-acme-data/AWS679f53fac002430cb0da5b7982bd2287/LogGroup/Resource')),
  ).toBe(false);
  const dir = mkdtempSync(join(tmpdir(), 'cdb-exceptions-'));
  writeFileSync(join(dir, 'bad.yaml'), '- control: S3.9\n  resources: []\n  reason: no\n');
  expect(() => readExceptions(join(dir, 'bad.yaml'))).toThrow(
    /has 3 issues:\n {2}- \[0\]\.control: expected CT\.<SERVICE>\.PR\.<n> \(received "S3\.9"\)\n {2}- \[0\]\.resources: expected a list of CDK path patterns\n {2}- \[0\]\.reason: expected the reason, in a sentence/,
  );
});

test('.cfnlintrc ignores only W3005, with its reason', () => {
  const text = readFileSync(CFN_LINT_CONFIG, 'utf8');
  expect(parse(text)).toEqual({ ignore_checks: ['W3005'] });
  expect(text).toMatch(/# W3005 .*aws-cdk-lib itself adds a DependsOn/);
});

test('cfn-lint parseable lines become findings with rule, severity, template and line', () => {
  const out = '/o/example/a.template.json:12:5:12:9:E3031:bad value\n/o/pipeline/b.template.json:3:1:3:2:W3005:redundant\n';
  expect(parseCfnLint(out, '/o')).toEqual([
    { plugin: 'cfn-lint', rule: 'E3031', severity: 'error', description: 'bad value', resources: ['example/a.template.json:12'] },
    { plugin: 'cfn-lint', rule: 'W3005', severity: 'warning', description: 'redundant', resources: ['pipeline/b.template.json:3'] },
  ]);
});

test('the guard rules run are those evaluating the resource types used', () => {
  const rules = guardRulesFor(new Set(['AWS::KMS::Key', 'AWS::Logs::LogGroup']));
  const names = rules.map((r) => r.split('/').slice(-2).join('/'));
  expect(names).toContain('keymanagementservice/ct-kms-pr-3.guard');
  expect(names).toContain('cloudwatch/ct-cloudwatch-pr-3.guard');
  expect(names.some((n) => n.startsWith('s3/'))).toBe(false);
  for (const rule of rules) expect(readFileSync(rule, 'utf8')).toMatch(/\[CT\.[A-Z0-9]+\.PR\.\d+\]/);
});
