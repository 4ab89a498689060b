import { type Stack, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { ClientBackupVault } from '../../../../lib/constructs/backup';
import { vaultLockTerms } from '../../../../lib/internal';
import { acme, ROLE } from './fixtures';
import { packFindings } from '../../../util';

describe('CDB-BackupVaultCmkEncrypted (BKP-3.3-METHOD)', () => {
  const id = 'CDB-BackupVaultCmkEncrypted';
  const vault = (stack: Stack) =>
    new ClientBackupVault(stack, 'Copy', {
      vaultName: 'precision-acme-backup',
      clientId: 'acme',
      keyAlias: 'alias/precision/acme/backup',
      lock: vaultLockTerms(acme),
      backupRoleArn: ROLE,
    });

  test('compliant: the client vault with its own rotating key', () => {
    expect(packFindings(id, (stack) => void vault(stack))).toEqual([]);
  });

  test('non-compliant 1: the AWS-managed backup key', () => {
    expect(packFindings(id, (stack) => void new backup.BackupVault(stack, 'Vault'))).toEqual([`${id} Test/Vault/Resource`]);
  });

  test('non-compliant 2: another client’s key', () => {
    expect(
      packFindings(id, (stack) => {
        const v = vault(stack);
        Tags.of(v.vault).add('client-id', 'acme');
        Tags.of(v.key).add('client-id', 'globex');
      }),
    ).toEqual([`${id} Test/Copy/Vault/Resource`]);
  });

  test('non-compliant 3: a key without rotation', () => {
    expect(
      packFindings(id, (stack) => {
        const v = vault(stack);
        (v.key.node.defaultChild as unknown as { enableKeyRotation: boolean }).enableKeyRotation = false;
      }),
    ).toEqual([`${id} Test/Copy/Vault/Resource`]);
  });
});
