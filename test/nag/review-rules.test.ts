import { Duration, type Stack, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { REQUIRED_AUDIT_CONTROLS } from '../../lib/nag/rules/backup/BackupAuditFrameworkComplete';
import { packFindings } from '../util';

/** A role people assume: trusted by an IAM role, with MFA. */
function humanRole(scope: Construct, id: string, props: Partial<iam.RoleProps> = {}) {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ArnPrincipal('arn:aws:iam::111111111111:role/ops').withConditions({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    }),
    ...props,
  });
}

describe('CDB-IamHumanRoleShortSession (CDM-3.2-REVIEW)', () => {
  const rule = 'CDB-IamHumanRoleShortSession';
  test('compliant: one-hour sessions (and a service role is not judged)', () => {
    expect(packFindings(rule, (s) => humanRole(s, 'Duty', { maxSessionDuration: Duration.hours(1) }))).toEqual([]);
    expect(
      packFindings(
        rule,
        (s) =>
          new iam.Role(s, 'Service', {
            assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
            maxSessionDuration: Duration.hours(12),
          }),
      ),
    ).toEqual([]);
  });
  test('non-compliant: twelve-hour sessions', () => {
    expect(packFindings(rule, (s) => humanRole(s, 'Long', { maxSessionDuration: Duration.hours(12) }))).toEqual([
      `${rule} Test/Long/Resource`,
    ]);
  });
});

describe('CDB-IamNoStandingAdminAccess (DP-ALWAYS-OFF)', () => {
  const rule = 'CDB-IamNoStandingAdminAccess';
  const admin = new iam.PolicyStatement({ actions: ['kms:PutKeyPolicy'], resources: ['*'] });
  test('compliant: a duty role without administration', () => {
    expect(
      packFindings(rule, (s) => {
        const role = humanRole(s, 'Reader');
        role.addManagedPolicy(
          new iam.ManagedPolicy(s, 'Read', {
            statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
          }),
        );
      }),
    ).toEqual([]);
  });
  test('compliant: administration behind a trust that expires', () => {
    expect(
      packFindings(rule, (s) => {
        const role = new iam.Role(s, 'BreakGlass', {
          assumedBy: new iam.ArnPrincipal('arn:aws:iam::111111111111:role/ops').withConditions({
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            DateLessThan: { 'aws:CurrentTime': '2026-12-01T00:00:00Z' },
          }),
        });
        role.addToPolicy(admin);
      }),
    ).toEqual([]);
  });
  test('non-compliant 1: standing administration in an inline policy', () => {
    expect(packFindings(rule, (s) => humanRole(s, 'Admin').addToPolicy(admin))).toEqual([`${rule} Test/Admin/Resource`]);
  });
  test('non-compliant 2: standing administration through a managed policy (here s3:*)', () => {
    expect(
      packFindings(rule, (s) => {
        const role = humanRole(s, 'Admin');
        role.addManagedPolicy(
          new iam.ManagedPolicy(s, 'All', { statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })] }),
        );
      }),
    ).toEqual([`${rule} Test/Admin/Resource`]);
  });
});

describe('CDB-BackupRtoRecorded (BKP-4.2-RTO)', () => {
  const rule = 'CDB-BackupRtoRecorded';
  const dataset = (s: Stack, tier: string, rto?: string) => {
    const bucket = new s3.Bucket(s, 'Data');
    Tags.of(bucket).add('dataset', 'records');
    Tags.of(bucket).add('tier', tier);
    if (rto !== undefined) Tags.of(bucket).add('rto-hours', rto);
  };
  test('compliant: an RTO within the tier’s (critical 48 h), tighter allowed', () => {
    expect(packFindings(rule, (s) => dataset(s, 'critical', '48'))).toEqual([]);
    expect(packFindings(rule, (s) => dataset(s, 'important', '24'))).toEqual([]);
  });
  test('non-compliant 1: no RTO recorded', () => {
    expect(packFindings(rule, (s) => dataset(s, 'critical'))).toEqual([`${rule} Test/Data/Resource`]);
  });
  test('non-compliant 2: an RTO looser than the tier’s (important 72 h)', () => {
    expect(packFindings(rule, (s) => dataset(s, 'important', '96'))).toEqual([`${rule} Test/Data/Resource`]);
  });
  test('non-compliant 3: no known tier', () => {
    expect(packFindings(rule, (s) => dataset(s, 'gold', '48'))).toEqual([`${rule} Test/Data/Resource`]);
  });
});

describe('CDB-BackupAuditFrameworkComplete (BKP-6-AUDIT)', () => {
  const rule = 'CDB-BackupAuditFrameworkComplete';
  const framework = (s: Stack, controls: readonly string[], report: boolean) => {
    const f = new backup.CfnFramework(s, 'Framework', { frameworkControls: controls.map((controlName) => ({ controlName })) });
    if (report) {
      new backup.CfnReportPlan(s, 'Report', {
        reportDeliveryChannel: { S3BucketName: 'archive' },
        reportSetting: { ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [f.attrFrameworkArn] },
      });
    }
  };
  test('compliant: every mapped control, reported', () => {
    expect(packFindings(rule, (s) => framework(s, REQUIRED_AUDIT_CONTROLS, true))).toEqual([]);
  });
  test('non-compliant 1: a control missing', () => {
    expect(packFindings(rule, (s) => framework(s, REQUIRED_AUDIT_CONTROLS.slice(1), true))).toEqual([`${rule} Test/Framework`]);
  });
  test('non-compliant 2: no report plan reports on it', () => {
    expect(packFindings(rule, (s) => framework(s, REQUIRED_AUDIT_CONTROLS, false))).toEqual([`${rule} Test/Framework`]);
  });
});
