import { type Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { REQUIRED_AUDIT_CONTROLS } from '../../../../lib/nag/rules/backup/BackupAuditFrameworkComplete';
import { packFindings } from '../../../util';

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
