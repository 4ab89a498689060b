import * as iam from 'aws-cdk-lib/aws-iam';
import { type Construct } from 'constructs';
import type { VaultLockTerms } from '../../backup/effective';
import type { KeyErasure } from '../data/client-key';
import { ClientBackupVault } from './client-backup-vault';

/** Properties of an {@link AccountCopyVault}. */
export interface AccountCopyVaultProps {
  /** The vault name (the client's vault name, see `names.ts`). */
  readonly vaultName: string;
  /** The owning client's id. */
  readonly clientId: string;
  /** Alias of the vault's own key in the backup account. */
  readonly keyAlias: string;
  /** The vault lock, the same terms as the client's own vaults (BKP-IMMUTABLE). */
  readonly lock: VaultLockTerms;
  /** ARN of the client's backup role in its own account, which runs the copy jobs. */
  readonly sourceBackupRoleArn: string;
  /** The client's account, the only one that may copy into the vault. */
  readonly sourceAccount: string;
  /** The organization both accounts belong to (AWS Backup copies across accounts only within one). */
  readonly organizationId: string;
  /**
   * The approved cryptographic erasure of the vault key (CDM-3.7-DISPOSAL).
   *
   * @default - the key is retained
   */
  readonly erasure?: KeyErasure;
}

/**
 * A client's vault in the backup account (BKP-BLAST-RADIUS): the second copy
 * of its critical and regulated backups, out of reach of the account it
 * protects. A `ClientBackupVault` (own rotating key, lock, deletion of
 * recovery points denied to everyone, retained) whose access policy also
 * admits `backup:CopyIntoBackupVault` from the client's account only, within
 * the organization, and whose key admits the client's backup role (through
 * its account, pinned by `aws:PrincipalArn` and the client tag). Nobody in
 * the client's account has any other right here: a cross-account principal
 * gets only what these policies grant.
 *
 * A logically air-gapped vault would also do, but aws-cdk-lib 2.276 has no L2
 * for it and the plan L2 cannot target one, and restoring from it needs a RAM
 * share; the locked vault keeps a customer-managed key (CDM-3.4-AT-REST) and
 * the same lock terms as the client's other vaults.
 *
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export class AccountCopyVault extends ClientBackupVault {
  constructor(scope: Construct, id: string, props: AccountCopyVaultProps) {
    super(scope, id, {
      vaultName: props.vaultName,
      clientId: props.clientId,
      keyAlias: props.keyAlias,
      lock: props.lock,
      backupRoleArn: props.sourceBackupRoleArn,
      erasure: props.erasure,
    });
    this.vault.addToAccessPolicy(
      new iam.PolicyStatement({
        sid: 'CopyFromTheClientAccountOnly',
        principals: [new iam.AccountPrincipal(props.sourceAccount)],
        actions: ['backup:CopyIntoBackupVault'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
      }),
    );
  }
}
