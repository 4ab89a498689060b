import type { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { Stack } from 'aws-cdk-lib';
import { type BaselineStacks } from '../../../../lib';
import { organizationFindings as findings } from '../../../util';

describe('organization layout: pack rules', () => {
  test('CDB-BackupCopyOutOfAccount: compliant with copies to the backup account; each way of failing', () => {
    expect(findings('CDB-BackupCopyOutOfAccount')).toEqual([]);
    const editCopies = (edit: (copies: any[]) => void) => (s: BaselineStacks) => {
      const cfn = s.clients.acme.data.backup.plans.critical.plan.node.defaultChild as CfnBackupPlan;
      const body = Stack.of(cfn).resolve(cfn.backupPlan);
      edit(body.backupPlanRule[0].copyActions);
      cfn.backupPlan = body;
    };
    // 1. a rule copies within the account only
    const dropCopy = editCopies((copies) => copies.splice(1, 1));
    expect(findings('CDB-BackupCopyOutOfAccount', dropCopy)).toEqual([
      'CDB-BackupCopyOutOfAccount acme-data/Default/Backup/Plan-critical/Plan/Resource',
    ]);
    // 2. the copy to the backup account is outside the allowed regions
    const outsideAllowed = editCopies(
      (copies) => (copies[1].destinationBackupVaultArn = 'arn:aws:backup:us-east-1:555555555555:backup-vault:precision-acme-backup'),
    );
    expect(findings('CDB-BackupCopyOutOfAccount', outsideAllowed)).toEqual([
      'CDB-BackupCopyOutOfAccount acme-data/Default/Backup/Plan-critical/Plan/Resource',
    ]);
  });
});
