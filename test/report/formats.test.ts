/**
 * The CI and auditor formats of the report (SARIF, JUnit XML, CSV, OSCAL),
 * written by the example's synth: each validates against its schema, and the
 * same synth gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import type { Log } from 'sarif';
import {
  addBaselineStacks,
  applyPolicyChecks,
  buildReport,
  type ComplianceReport,
  createApp,
  CSV_COLUMNS,
  JUNIT_UNMAPPED_SUITE,
  OSCAL_VERSION,
  renderCsv,
  renderJunit,
  renderOscal,
  renderSarif,
  REPORT_FILES,
  SARIF_CDK_OUT,
  SARIF_FINGERPRINT,
  sourceFrame,
  UNPINNED_TIME,
  writeReports,
} from '../../lib/internal';
import { exampleConfig, FIXED_NOW } from '../util';

/** An OSCAL document, read loosely. */
type Doc = { 'assessment-results': any };

const schema = (name: string) => JSON.parse(readFileSync(join(__dirname, 'schemas', name), 'utf8')) as object;
const FORMATS = [REPORT_FILES.sarif, REPORT_FILES.junit, REPORT_FILES.csv, REPORT_FILES.oscal];

/** Synthesizes the example with every check on and writes its reports; returns the report and the bytes of each format. */
function synth(): { report: ComplianceReport; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'cdb-formats-'));
  const app = createApp({ outdir: dir });
  const config = exampleConfig();
  addBaselineStacks(app, config);
  applyPolicyChecks(app, { now: FIXED_NOW });
  const assembly = app.synth();
  const report = buildReport(config, app, assembly);
  writeReports(assembly.directory, report);
  return { report, files: Object.fromEntries(FORMATS.map((f) => [f, readFileSync(join(dir, f), 'utf8')])) };
}

/** The example's report with one unacknowledged finding on acme's records bucket (a rule of CDM-3.4-IN-TRANSIT). */
function withFinding(report: ComplianceReport): ComplianceReport {
  const finding = {
    rule: 'CDB-S3TlsEnforced',
    plugin: 'ClientDataBaseline',
    severity: 'error',
    description: '[CDM-3.4-IN-TRANSIT] The bucket policy does not deny requests without TLS 1.2.',
    resources: ['acme-data/Default/Dataset-records/Resource'],
  };
  const unmapped = {
    rule: 'AwsSolutions-IAM5[Action::s3:*]',
    plugin: 'AwsSolutions',
    severity: 'error',
    description: 'Wildcard.',
    resources: ['globex-data/Default/Backup/Role/Resource'],
  };
  return { ...report, summary: { ...report.summary, findings: 2 }, findings: [finding, unmapped] };
}

let first: { report: ComplianceReport; files: Record<string, string> };
beforeAll(() => {
  first = synth();
});

describe('SARIF (compliance-report.sarif)', () => {
  let log: Log;
  beforeAll(() => {
    log = JSON.parse(first.files[REPORT_FILES.sarif]) as Log;
  });

  test('validates against the SARIF 2.1.0 JSON schema', () => {
    // The schema's language-tag pattern is not valid as a Unicode regular expression.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema('sarif-2.1.0-rtm.5.json'));
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.version).toBe('2.1.0');
    const broken = structuredClone(log) as any;
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false); // the schema does judge
  });

  test('has one rule per baseline and mapped standard-pack rule, with its control ids as tags and in its help', () => {
    const rules = log.runs[0].tool.driver.rules ?? [];
    for (const rule of first.report.rules) {
      const sarifRule = rules.find((r) => r.id === rule.id);
      expect(sarifRule?.properties?.tags).toEqual(rule.controls);
      for (const control of rule.controls) expect(sarifRule?.help?.text).toContain(control);
    }
    const tls = rules.find((r) => r.id === 'CDB-S3TlsEnforced');
    expect(tls?.properties?.tags).toEqual(['CDM-3.4-IN-TRANSIT']);
  });

  test('acknowledged findings are results with an external suppression whose justification is the reason', () => {
    const results = log.runs[0].results ?? [];
    expect(results).toHaveLength(first.report.summary.acknowledgements);
    const kms = results.find(
      (r) =>
        r.properties?.ruleIdAsRun === 'HIPAA.Security-S3DefaultEncryptionKMS' &&
        r.properties?.constructPath === 'acme-data/Default/AccessLogs/Resource',
    );
    const ack = first.report.acknowledgements.find((a) => a.rule === 'HIPAA.Security-S3DefaultEncryptionKMS');
    expect(kms?.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: ack?.reason, properties: {} }]);
    expect(results.every((r) => r.suppressions?.[0]?.kind === 'external' && r.suppressions[0].justification)).toBe(true);
  });

  test('locates a result at the source line that created the resource, with its stack and logical id', () => {
    const kms = (log.runs[0].results ?? []).find((r) => r.properties?.constructPath === 'acme-data/Default/AccessLogs/Resource');
    const location = first.report.locations['acme-data/Default/AccessLogs/Resource'];
    const source = readFileSync(join(__dirname, '..', '..', 'lib', 'constructs', 'data', 'access-log-bucket.ts'), 'utf8').split('\n');
    expect(kms?.locations?.[0].physicalLocation?.artifactLocation).toEqual({
      uri: 'lib/constructs/data/access-log-bucket.ts',
      uriBaseId: '%SRCROOT%',
    });
    const line = kms?.locations?.[0].physicalLocation?.region?.startLine ?? 0;
    expect(source[line - 1]).toMatch(/super\(|new /); // the line that creates the bucket
    expect(kms?.locations?.[0].logicalLocations?.[0]).toEqual({
      name: location.logicalId,
      fullyQualifiedName: `precision-acme-data/${location.logicalId}`,
      kind: 'resource',
    });
  });

  test('falls back to the template and logical id when no line of the project created the resource', () => {
    const path = 'acme-data/Default/AccessLogs/Resource';
    const { stack, template, logicalId } = first.report.locations[path];
    const unlocated = { stack, template, logicalId };
    const log2 = JSON.parse(renderSarif({ ...first.report, locations: { ...first.report.locations, [path]: unlocated } })) as Log;
    const generated = (log2.runs[0].results ?? []).find((r) => r.properties?.constructPath === path);
    expect(generated?.locations?.[0].physicalLocation?.artifactLocation?.uriBaseId).toBe(SARIF_CDK_OUT);
    expect(generated?.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('acme-data.template.json');
    expect(generated?.locations?.[0].physicalLocation?.region).toBeUndefined();
    expect(generated?.locations?.[0].logicalLocations?.[0].name).toBe(unlocated.logicalId);
  });

  test('a creation trace gives the first frame of the project, not of a dependency, nor the call to synth', () => {
    const root = '/repo';
    expect(
      sourceFrame(['...new Bucket2 in aws-cdk-lib...', 'new AccessLogBucket (/repo/lib/constructs/access-log-bucket.ts:31:5)'], root),
    ).toEqual({
      file: 'lib/constructs/access-log-bucket.ts',
      line: 31,
      column: 5,
    });
    expect(sourceFrame(['at x (/repo/node_modules/cdk-nag/lib/a.js:1:2)', 'at y (/repo/lib/b.ts:3:4)'], root)).toEqual({
      file: 'lib/b.ts',
      line: 3,
      column: 4,
    });
    expect(sourceFrame(['...App.synth in aws-cdk-lib...', 'main (/repo/bin/app.ts:55:24)'], root)).toBeUndefined();
    expect(
      sourceFrame(['...aws-cdk-lib...', '(no user code in 10 frames, use --stack-trace-limit to capture more)'], root),
    ).toBeUndefined();
    expect(sourceFrame(['at z (/elsewhere/lib/c.ts:1:1)'], root)).toBeUndefined();
  });

  test('fingerprints hash rule id, stack and logical id, never a line number, and are unique', () => {
    const results = log.runs[0].results ?? [];
    const kms = results.find(
      (r) =>
        r.properties?.ruleIdAsRun === 'HIPAA.Security-S3DefaultEncryptionKMS' &&
        r.properties?.constructPath === 'acme-data/Default/AccessLogs/Resource',
    );
    const { logicalId } = first.report.locations['acme-data/Default/AccessLogs/Resource'];
    const expected = createHash('sha256')
      .update(['HIPAA.Security-S3DefaultEncryptionKMS', 'precision-acme-data', logicalId].join('\n'))
      .digest('hex')
      .slice(0, 32);
    expect(kms?.partialFingerprints).toEqual({ [SARIF_FINGERPRINT]: expected });
    const prints = results.map((r) => r.partialFingerprints?.[SARIF_FINGERPRINT]);
    expect(new Set(prints).size).toBe(prints.length);
  });

  test('a finding is an unsuppressed error result of its rule', () => {
    const log2 = JSON.parse(renderSarif(withFinding(first.report))) as Log;
    const finding = (log2.runs[0].results ?? []).find((r) => r.ruleId === 'CDB-S3TlsEnforced');
    expect(finding).toMatchObject({ level: 'error', ruleId: 'CDB-S3TlsEnforced' });
    expect(finding?.suppressions).toBeUndefined();
    expect(finding?.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('lib/constructs/data/client-data-bucket.ts');
    const wildcard = (log2.runs[0].results ?? []).find((r) => r.ruleId === 'AwsSolutions-IAM5');
    expect(log2.runs[0].tool.driver.rules?.[wildcard?.ruleIndex ?? -1]?.id).toBe('AwsSolutions-IAM5');
  });
});

describe('JUnit XML (compliance-report.junit.xml)', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  type Case = { name: string; classname: string; failure?: { message: string; '#text': string }; skipped?: { message: string } };
  type Suite = { name: string; tests: string; failures: string; skipped: string; testcase: Case[] };
  const suitesOf = (xml: string) => (parser.parse(xml) as { testsuites: { testsuite: Suite[]; tests: string } }).testsuites;

  test('one test suite per control, one test case per control and owner; organisational ones skipped; counts add up', () => {
    const root = suitesOf(first.files[REPORT_FILES.junit]);
    expect(root.testsuite.map((s) => s.name)).toEqual(first.report.controls.map((c) => c.id));
    const owners = ['shared', ...first.report.clients.map((c) => c.id)];
    for (const suite of root.testsuite) {
      const control = first.report.controls.find((c) => c.id === suite.name);
      expect(suite.testcase.map((c) => [c.classname, c.name])).toEqual(owners.map((o) => [suite.name, o]));
      expect(suite.testcase.every((c) => (c.skipped !== undefined) === (control?.status === 'organisational'))).toBe(true);
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((c) => c.skipped).length);
      expect(Number(suite.failures)).toBe(0);
    }
    expect(Number(root.tests)).toBe(first.report.controls.length * owners.length);
  });

  test('a finding fails the test case of its control and owner; a finding of no control fails one of rules-without-control', () => {
    const root = suitesOf(renderJunit(withFinding(first.report)));
    const transit = root.testsuite.find((s) => s.name === 'CDM-3.4-IN-TRANSIT');
    expect(transit?.testcase.filter((c) => c.failure).map((c) => c.name)).toEqual(['acme']);
    expect(transit?.testcase.find((c) => c.name === 'acme')?.failure?.['#text']).toContain(
      'CDB-S3TlsEnforced acme-data/Default/Dataset-records/Resource',
    );
    expect(transit?.failures).toBe('1');
    const unmapped = root.testsuite.find((s) => s.name === JUNIT_UNMAPPED_SUITE);
    expect(unmapped?.testcase.map((c) => [c.name, c.failure?.message])).toEqual([['globex', '1 finding: AwsSolutions-IAM5[Action::s3:*]']]);
  });
});

describe('CSV (compliance-report.csv)', () => {
  const rows = (csv: string) => parseCsv(csv, { columns: true }) as Record<string, string>[];

  test('has the columns control, client, stack, resource, rule, status and acknowledgement reason, every acknowledged finding with its reason', () => {
    const table = rows(first.files[REPORT_FILES.csv]);
    expect(Object.keys(table[0])).toEqual([...CSV_COLUMNS]);
    const statuses = new Set(table.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['acknowledged', 'organisational', 'passed']);
    const acknowledged = table.filter((r) => r.status === 'acknowledged');
    expect(new Set(acknowledged.map((r) => `${r.rule} ${r.resource}`)).size).toBe(first.report.summary.acknowledgements);
    for (const row of acknowledged)
      expect(first.report.acknowledgements.find((a) => a.rule === row.rule && a.resources.includes(row.resource))?.reason).toBe(
        row['acknowledgement reason'],
      );
    expect(table).toContainEqual(
      expect.objectContaining({
        control: 'CDM-3.4-IN-TRANSIT',
        client: 'acme',
        stack: 'precision-acme-data',
        resource: 'acme-data/Default/Dataset-records/Resource',
        rule: 'CDB-S3TlsEnforced',
        status: 'passed',
      }),
    );
    expect(table.filter((r) => r.status === 'organisational').map((r) => r.control)).toEqual(
      first.report.controls.filter((c) => c.status === 'organisational').map((c) => c.id),
    );
    expect(table.every((r) => r.status !== 'passed' || ['shared', 'acme', 'globex', 'initech'].includes(r.client))).toBe(true);
  });

  test('a finding is a failed row of its control; quotes and commas survive', () => {
    const table = rows(renderCsv(withFinding(first.report)));
    expect(table).toContainEqual(
      expect.objectContaining({ control: 'CDM-3.4-IN-TRANSIT', client: 'acme', rule: 'CDB-S3TlsEnforced', status: 'failed' }),
    );
    expect(table).toContainEqual(
      expect.objectContaining({ control: '', client: 'globex', rule: 'AwsSolutions-IAM5[Action::s3:*]', status: 'failed' }),
    );
    const odd = { ...first.report, acknowledgements: [{ rule: 'X-1', reason: 'a "quoted", comma\nline', resources: ['p'] }] };
    expect(rows(renderCsv(odd)).find((r) => r.rule === 'X-1')?.['acknowledgement reason']).toBe('a "quoted", comma\nline');
  });
});

describe('OSCAL assessment-results (compliance-report.oscal.json)', () => {
  const validate = (() => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    return ajv.compile(schema('oscal-assessment-results-1.1-subset.schema.json'));
  })();

  test('validates against the OSCAL 1.1 assessment-results schema (subset)', () => {
    const doc = JSON.parse(first.files[REPORT_FILES.oscal]) as Doc;
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc['assessment-results'].metadata['oscal-version']).toBe(OSCAL_VERSION);
    expect(doc['assessment-results'].metadata['last-modified']).toBe(UNPINNED_TIME);
    const broken = structuredClone(doc);
    delete broken['assessment-results'].results[0].observations[0].collected;
    broken['assessment-results'].results[0].findings[0].uuid = 'not-a-uuid';
    expect(validate(broken)).toBe(false); // the schema does judge
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/assessment-results/results/0/observations/0', '/assessment-results/results/0/findings/0/uuid']),
    );
  });

  test('findings and observations reference the control ids; every reference resolves; UUIDs are unique', () => {
    const doc = JSON.parse(first.files[REPORT_FILES.oscal]) as Doc;
    const [result] = doc['assessment-results'].results;
    const technical = first.report.controls.filter((c) => c.status !== 'organisational').map((c) => c.id);
    expect(result['reviewed-controls']['control-selections'][0]['include-controls'].map((c: any) => c['control-id'])).toEqual(technical);
    expect(result.findings.map((f: any) => f.target['target-id'])).toEqual(technical);
    // Satisfied when enforced; the example's single-account form leaves three controls a gap (no security,
    // organization guardrail or backup account), and those are not satisfied.
    const gaps = first.report.controls.filter((c) => c.status === 'gap').map((c) => c.id);
    expect(gaps).toEqual(['DP-IDS-INDEPENDENT', 'DP-MINIMAL-SERVICES', 'BKP-BLAST-RADIUS']);
    expect(result.findings.map((f: any) => [f.target['target-id'], f.target.status.state])).toEqual(
      technical.map((c) => [c, gaps.includes(c) ? 'not-satisfied' : 'satisfied']),
    );
    const observationIds = new Set(result.observations.map((o: any) => o.uuid));
    for (const finding of result.findings) {
      expect(finding['related-observations'].length).toBeGreaterThan(0);
      for (const ref of finding['related-observations']) expect(observationIds.has(ref['observation-uuid'])).toBe(true);
    }
    for (const o of result.observations) expect(technical).toContain(o.props.find((p: any) => p.name === 'control-id').value);
    const all = JSON.stringify(doc).match(/"uuid": ?"[^"]+"/g) ?? [];
    expect(new Set(all).size).toBe(all.length);
    expect(result.remarks).toContain('ORG-TRAINING');
  });

  test('a finding makes its control not satisfied, with an observation of it', () => {
    const doc = JSON.parse(renderOscal(withFinding(first.report))) as Doc;
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    const [result] = doc['assessment-results'].results;
    const transit = result.findings.find((f: any) => f.target['target-id'] === 'CDM-3.4-IN-TRANSIT');
    expect(transit.target.status).toEqual({ state: 'not-satisfied', reason: 'fail' });
    const observed = result.observations.filter((o: any) =>
      transit['related-observations'].some((r: any) => r['observation-uuid'] === o.uuid),
    );
    expect(observed.some((o: any) => o.types.includes('finding') && o.description.includes('CDB-S3TlsEnforced'))).toBe(true);
    expect(result.remarks).toContain('AwsSolutions-IAM5[Action::s3:*]');
  });
});

describe('determinism', () => {
  test('two synths of the example write byte-identical SARIF, JUnit, CSV and OSCAL files; a pinned time dates the OSCAL document', () => {
    const second = synth();
    for (const name of FORMATS) expect({ name, same: second.files[name] === first.files[name] }).toEqual({ name, same: true });
    const doc = JSON.parse(renderOscal(first.report, { now: FIXED_NOW })) as Doc;
    expect(doc['assessment-results'].metadata['last-modified']).toBe('2026-11-23T00:00:00.000Z');
    expect(doc['assessment-results'].uuid).not.toBe(JSON.parse(first.files[REPORT_FILES.oscal])['assessment-results'].uuid);
  });
});
