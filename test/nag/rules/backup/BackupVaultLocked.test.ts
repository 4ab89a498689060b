import * as backup from 'aws-cdk-lib/aws-backup';
import { Duration } from 'aws-cdk-lib';
import { ClientBackupVault } from '../../../../lib/constructs/backup';
import { packFindings } from '../../../util';
import { ROLE } from './fixtures';

describe('CDB-BackupVaultLocked (BKP-IMMUTABLE)', () => {
  const id = 'CDB-BackupVaultLocked';

  test('compliant: governance lock and deletion denied; a compliance lock with 3 days of grace', () => {
    expect(
      packFindings(id, (stack) => {
        new ClientBackupVault(stack, 'Governance', {
          vaultName: 'governed',
          clientId: 'acme',
          keyAlias: 'alias/g',
          lock: { mode: 'governance', minRetentionDays: 30, maxRetentionDays: 90 },
          backupRoleArn: ROLE,
        });
        new ClientBackupVault(stack, 'Compliance', {
          vaultName: 'compliant',
          clientId: 'acme',
          keyAlias: 'alias/c',
          lock: { mode: 'compliance', minRetentionDays: 30, changeableForDays: 3 },
          backupRoleArn: ROLE,
        });
      }),
    ).toEqual([]);
  });

  test('non-compliant 1: no lock', () => {
    expect(packFindings(id, (stack) => void new backup.BackupVault(stack, 'Vault', { blockRecoveryPointDeletion: true }))).toEqual([
      `${id} Test/Vault/Resource`,
    ]);
  });

  test('non-compliant 2: a lock but deleting recovery points is not denied', () => {
    expect(
      packFindings(id, (stack) => void new backup.BackupVault(stack, 'Vault', { lockConfiguration: { minRetention: Duration.days(30) } })),
    ).toEqual([`${id} Test/Vault/Resource`]);
  });

  test('non-compliant 3: a grace period under the 3 days AWS requires', () => {
    expect(
      packFindings(id, (stack) => {
        const v = new backup.BackupVault(stack, 'Vault', {
          blockRecoveryPointDeletion: true,
          lockConfiguration: { minRetention: Duration.days(30) },
        });
        (v.node.defaultChild as backup.CfnBackupVault).lockConfiguration = { minRetentionDays: 30, changeableForDays: 1 };
      }),
    ).toEqual([`${id} Test/Vault/Resource`]);
  });
});
