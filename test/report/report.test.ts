import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addBaselineStacks,
  applyPolicyChecks,
  buildReport,
  type ComplianceReport,
  CONTROLS,
  createApp,
  isOrganisational,
  PROJECT_ROOT,
  REPORT_FILES,
  STANDARD_RULES,
  writeReports,
} from '../../lib/internal';
import { rulesDoc } from '../../scripts/gen-docs';
import { exampleConfig } from '../util';

/** Synthesizes the example with every check on into a fresh directory and writes its reports. */
function synthWithReports(): { dir: string; report: ComplianceReport } {
  const dir = mkdtempSync(join(tmpdir(), 'cdb-report-'));
  const app = createApp({ outdir: dir });
  const config = exampleConfig();
  addBaselineStacks(app, config);
  applyPolicyChecks(app);
  const assembly = app.synth();
  const report = buildReport(config, app, assembly);
  writeReports(assembly.directory, report);
  return { dir, report };
}

/**
 * Controls not yet served by a resource and a rule, with the issue that
 * brings them. The coverage test requires this list to be exactly the gaps, so
 * a control that loses its rule or resources fails it, and one that gains
 * them must leave the list.
 */
const PENDING: Readonly<Record<string, string>> = {
  'DP-IDS-INDEPENDENT': 'issue 16 follow-up: the security-account form (delegated administration from provider.accounts.security)',
  // Met in organization mode only (test/organization); the single-account example has the weaker form, a gap by design.
  'DP-MINIMAL-SERVICES': 'issue 17: provider.guardrails',
  'BKP-BLAST-RADIUS': 'issue 17: provider.accounts.backup',
};

describe('compliance report', () => {
  let first: { dir: string; report: ComplianceReport };
  beforeAll(() => {
    first = synthWithReports();
  });

  test('is written in every format into the cloud assembly directory', () => {
    const files = readdirSync(first.dir);
    expect(files).toEqual(expect.arrayContaining(Object.values(REPORT_FILES)));
    expect(JSON.parse(readFileSync(join(first.dir, REPORT_FILES.json), 'utf8'))).toEqual(first.report);
  });

  // Determinism (byte-identical assemblies and reports from two synths) is tested on the main job: test/scale/main-job.test.ts.

  test('lists every control of the catalogue, in order, organisational ones with the evidence offered', () => {
    expect(first.report.controls.map((c) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    for (const control of first.report.controls.filter((c) => c.id.startsWith('ORG-'))) {
      expect(control.status).toBe('organisational');
      expect(control.rules).toEqual([]);
      expect(control.note?.length).toBeGreaterThan(10);
    }
  });

  test('coverage: every technical control is enforced by a rule and resources, except the pending ones', () => {
    const gaps = first.report.controls.filter((c) => c.status === 'gap').map((c) => c.id);
    expect(gaps.sort()).toEqual(Object.keys(PENDING).sort());
    for (const control of first.report.controls.filter((c) => c.status === 'enforced')) {
      expect(control.rules.length).toBeGreaterThan(0);
      expect(control.resources.reduce((n, r) => n + r.resources.length, 0)).toBeGreaterThan(0);
    }
  });

  test('coverage: every enforced control is named by at least one other test', () => {
    const tests = readdirSync(join(PROJECT_ROOT, 'test'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts') && !f.endsWith('report.test.ts'))
      .map((f) => readFileSync(join(PROJECT_ROOT, 'test', f), 'utf8'))
      .join('\n');
    const rulesText = readFileSync(join(PROJECT_ROOT, 'lib', 'nag', 'registry.ts'), 'utf8');
    for (const control of first.report.controls.filter((c) => c.status === 'enforced')) {
      // A control is tested when a test names it or tests one of the rules that check it.
      const ourRules = control.rules.filter((r) => r.startsWith('CDB-'));
      const tested = tests.includes(control.id) || ourRules.some((r) => tests.includes(`'${r}'`));
      expect({ control: control.id, tested }).toEqual({ control: control.id, tested: true });
      expect(rulesText.includes(control.id) || control.rules.some((r) => !r.startsWith('CDB-'))).toBe(true);
    }
  });

  test('says beside each control which Security Hub controls also watch it after deploy, and which forms are the weaker ones', () => {
    const note = (id: string) => first.report.controls.find((c) => c.id === id)?.note;
    expect(note('CDM-3.4-IN-TRANSIT')).toBe('Also watched after deploy by Security Hub controls S3.5.');
    expect(note('DP-THREAT-DETECTION')).toBe('Also watched after deploy by Security Hub controls GuardDuty.1, GuardDuty.10.');
    expect(note('DP-IDS-INDEPENDENT')).toMatch(/^Single-account form, the weaker form: /);
    expect(note('DP-LOG-INTEGRITY')).toMatch(/Single-account form, the weaker form: the log archive is in the provider account/);
  });

  test('shows each client with its regions, stacks and datasets', () => {
    const acme = first.report.clients.find((c) => c.id === 'acme');
    expect(acme).toEqual({
      id: 'acme',
      name: 'Acme Health',
      account: '111111111111',
      regions: { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
      stacks: ['precision-acme-data', 'precision-acme-replica'],
      datasets: [
        { name: 'records', classification: 'phi', tier: 'critical', retentionDays: 2555 },
        { name: 'billing', classification: 'pci', tier: 'important', retentionDays: 2555 },
      ],
    });
    const encryption = first.report.controls.find((c) => c.id === 'CDM-3.4-AT-REST');
    expect(encryption?.resources.map((r) => r.owner)).toEqual(['shared', 'acme', 'globex', 'initech']);
    expect(encryption?.resources[1].resources).toEqual(
      expect.arrayContaining([
        {
          path: 'acme-data/Default/Dataset-records/Resource',
          type: 'AWS::S3::Bucket',
          rules: [
            'CDB-S3ClientKeyEncryption',
            'CDB-S3ClientKeyUploadsEnforced',
            'CDB-S3ReplicaEncryptedWithClientKey',
            ...STANDARD_RULES[0].ids,
          ],
        },
      ]),
    );
  });

  test('lists acknowledgements with their reasons and resources, and no findings', () => {
    const sseS3 = first.report.acknowledgements.find((a) => a.rule === 'HIPAA.Security-S3DefaultEncryptionKMS');
    expect(sseS3?.reason).toMatch(/server access log target/);
    expect(sseS3?.resources).toContain('acme-data/Default/AccessLogs/Resource');
    // Access log buckets are log targets, which the packs' logging rules judge compliant: nothing of theirs is acknowledged.
    expect(first.report.acknowledgements.find((a) => a.rule === 'AwsSolutions-S1')).toBeUndefined();
    expect(first.report.findings).toEqual([]);
    expect(first.report.summary.findings).toBe(0);
    expect(first.report.summary.acknowledgements).toBe(first.report.acknowledgements.reduce((n, a) => n + a.resources.length, 0));
  });

  test('the HTML page is self-contained and carries the same tables as the Markdown', () => {
    const html = readFileSync(join(first.dir, REPORT_FILES.html), 'utf8');
    const markdown = readFileSync(join(first.dir, REPORT_FILES.markdown), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    const htmlRows = (html.match(/<tr[ >]/g) ?? []).length;
    const markdownRows = (markdown.match(/^\| /gm) ?? []).length;
    expect(htmlRows).toBe(markdownRows);
    expect((html.match(/<table>/g) ?? []).length).toBe((html.match(/<\/table>/g) ?? []).length);
  });
});

describe('rules documentation', () => {
  test('docs/RULES.md is generated from the pack and current', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'docs', 'RULES.md'), 'utf8')).toBe(rulesDoc());
  });

  test('every mapped standard rule id exists in its cdk-nag pack', () => {
    const packs: Record<string, string> = {
      AwsSolutions: 'aws-solutions',
      'HIPAA.Security': 'hipaa-security',
      'NIST.800.53.R5': 'nist-800-53-r5',
      'PCI.DSS.321': 'pci-dss-321',
    };
    for (const { rule, ids } of STANDARD_RULES) {
      for (const id of ids) {
        const [pack, suffix] = [id.slice(0, id.lastIndexOf('-')), id.slice(id.lastIndexOf('-') + 1)];
        const source = readFileSync(require.resolve(`cdk-nag/lib/packs/${packs[pack]}.js`), 'utf8');
        expect({
          id,
          found: source.includes(`ruleSuffixOverride: '${suffix}'`) || (suffix === rule.name && source.includes(`.${rule.name},`)),
        }).toEqual({
          id,
          found: true,
        });
      }
    }
  });
});

describe('controls catalogue', () => {
  const file = join(PROJECT_ROOT, '..', 'shared', 'policies', 'CONTROLS.md');
  (existsSync(file) ? test : test.skip)('is in step with shared/policies/CONTROLS.md', () => {
    const ids = [...readFileSync(file, 'utf8').matchAll(/^\| ([A-Z]+-[A-Z0-9.-]+) \|/gm)].map((m) => m[1]);
    expect(CONTROLS.map((c) => c.id)).toEqual(ids);
    expect(CONTROLS.filter(isOrganisational).map((c) => c.id)).toEqual(ids.filter((id) => id.startsWith('ORG-')));
  });
});
