import { Duration, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';
import type { VaultLockTerms } from '../../backup/effective';
import { AWS_LIMITS } from '../../aws-limits';
import { BACKUP_VAULT_DEFAULTS } from '../../defaults';
import { TAG_KEYS } from '../../model';
import { ClientKey, type KeyErasure } from '../data/client-key';

/** Properties of a {@link ClientBackupVault}. */
export interface ClientBackupVaultProps {
  /** The vault name (derived, see `names.ts`: the same in the primary and the replica region). */
  readonly vaultName: string;
  /** The owning client's id. */
  readonly clientId: string;
  /** Alias of the vault's own key, e.g. `alias/precision/acme/backup`. */
  readonly keyAlias: string;
  /** The vault lock (BKP-IMMUTABLE): governance unless `mode` is `compliance`. */
  readonly lock: VaultLockTerms;
  /**
   * ARN of the client's backup role, which may use the vault key. It may live
   * in another stack and not exist yet, so the key policy names it in an
   * `aws:PrincipalArn` condition on the account principal, never as principal.
   */
  readonly backupRoleArn: string;
  /**
   * The approved cryptographic erasure of the vault key (CDM-3.7-DISPOSAL);
   * the vault itself stays retained.
   *
   * @default - the key is retained
   */
  readonly erasure?: KeyErasure;
}

/**
 * A client's backup vault in one region (BKP-3.3-METHOD, BKP-IMMUTABLE,
 * BKP-3.5-OFFSITE): encrypted with a customer-managed key of its own (so the
 * client's backups can be erased with it, apart from its data key), locked
 * so that recovery points cannot be deleted before the minimum retention
 * (governance mode; compliance mode only when the configuration opts in), an
 * access policy that denies deleting recovery points or shortening their
 * lifecycle to everyone, and retained on stack deletion and replacement.
 */
export class ClientBackupVault extends Construct {
  /** The vault. */
  public readonly vault: backup.BackupVault;
  /** The vault's key. */
  public readonly key: ClientKey;
  /** The lock the vault carries. */
  public readonly lock: VaultLockTerms;

  constructor(scope: Construct, id: string, props: ClientBackupVaultProps) {
    super(scope, id);
    // The vault states its owner itself, so the rules can match it with its key in any stack (CDM-3.3-SEGREGATE).
    Tags.of(this).add(TAG_KEYS.clientId, props.clientId);
    this.lock = props.lock;
    const minChangeable = AWS_LIMITS.backupVaultLockMinChangeableDays;
    if (props.lock.mode === 'compliance' && (props.lock.changeableForDays ?? 0) < minChangeable) {
      throw new Error(
        `compliance-mode vault lock needs changeableForDays >= ${minChangeable} (AWS refuses less), got ${props.lock.changeableForDays}`,
      );
    }
    if (props.lock.mode === 'governance' && props.lock.changeableForDays !== undefined) {
      throw new Error(
        `a governance-mode vault lock has no changeableForDays (with it the lock turns into compliance mode), got ${props.lock.changeableForDays}`,
      );
    }
    this.key = new ClientKey(this, 'Key', {
      clientId: props.clientId,
      alias: props.keyAlias,
      description: `Backup vault key of client ${props.clientId}`,
      erasure: props.erasure,
    });
    this.key.allowServiceRoleUse({
      sid: 'BackupRoleUsesKey',
      clientId: props.clientId,
      roleArn: props.backupRoleArn,
      allowGrants: true,
    });
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: this.key,
      removalPolicy: BACKUP_VAULT_DEFAULTS.removalPolicy,
      blockRecoveryPointDeletion: true,
      lockConfiguration: {
        minRetention: Duration.days(props.lock.minRetentionDays),
        maxRetention: props.lock.maxRetentionDays === undefined ? undefined : Duration.days(props.lock.maxRetentionDays),
        changeableFor: props.lock.changeableForDays === undefined ? undefined : Duration.days(props.lock.changeableForDays),
      },
    });
  }
}
