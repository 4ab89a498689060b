import type { Construct } from 'constructs';
import { accountCopyRegion } from '../backup/blast-radius';
import { vaultLockTerms } from '../backup/effective';
import { ClientNames } from '../model';
import { AccountCopyVault } from '../constructs/backup';
import { keyErasureOf } from '../constructs/store';
import { ClientStack } from './client-stack';
import type { ClientStackPropsBase } from './client-stack-props';

/** Properties of a {@link BackupCopyStack}. */
export interface BackupCopyStackProps extends ClientStackPropsBase {
  /** The backup account (`provider.accounts.backup`). */
  readonly backupAccount: string;
  /** The organization of both accounts (`provider.organizationId`). */
  readonly organizationId: string;
}

/**
 * One client's copy vault in the backup account (BKP-BLAST-RADIUS), in the
 * region of its account copy (default its replica region, always one its
 * agreement allows). A stack of the client's own, so adding or removing a
 * client touches no other; it deploys before the client's data stack, whose
 * plans copy into it by its derived ARN.
 */
export class BackupCopyStack extends ClientStack {
  /** The vault. */
  public readonly copyVault: AccountCopyVault;

  constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    const { provider, client } = props;
    const names = props.names ?? new ClientNames(provider, client);
    super(scope, id, {
      ...props,
      names,
      account: props.backupAccount,
      region: accountCopyRegion(client),
      stackName: names.backupCopyStack,
      description: names.backupCopyStackDescription,
    });
    this.copyVault = new AccountCopyVault(this, 'AccountCopyVault', {
      vaultName: names.backupVault,
      clientId: client.id,
      keyAlias: names.backupKeyAlias,
      lock: vaultLockTerms(client),
      sourceBackupRoleArn: names.backupRoleArn,
      sourceAccount: names.account,
      organizationId: props.organizationId,
      erasure: keyErasureOf(client),
    });
  }
}
