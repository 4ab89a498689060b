import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { EffectiveTier, VaultLockTerms } from '../../backup/effective';
import { tierRules } from '../../backup/effective';
import { BackupAlerts } from './backup-alerts';
import { BackupServiceRole } from './backup-service-role';
import { ClientBackupVault } from './client-backup-vault';
import type { KeyErasure } from '../data/client-key';
import { ClientRestoreTesting } from './client-restore-testing';
import { TierBackupPlan } from './tier-backup-plan';

/** Properties of a {@link ClientBackup}. */
export interface ClientBackupProps {
  /** The owning client's id. */
  readonly clientId: string;
  /** The tiers the client's datasets use, with its agreement applied. */
  readonly tiers: readonly EffectiveTier[];
  /** The lock of the client's vaults. */
  readonly lock: VaultLockTerms;
  /** Names derived from the configuration (`names.ts`). */
  readonly names: {
    readonly vault: string;
    /** Plan names by tier. */
    readonly plans: Readonly<Record<string, string>>;
    readonly vaultKeyAlias: string;
    readonly role: string;
    readonly restoreTestingPlan: string;
  };
  /** Full ARN of the client's copy vault in its replica region (built by the replica stack). */
  readonly copyVaultArn: string;
  /** The replica region the copies go to. */
  readonly copyRegion: string;
  /**
   * The copy out of the account (BKP-BLAST-RADIUS): the client's vault in the
   * backup account, and the tiers whose plans copy there.
   *
   * @default - no copy out of the account
   */
  readonly accountCopy?: { readonly vaultArn: string; readonly tiers: readonly string[] };
  /** The stack's encrypted alert topic. */
  readonly alertTopic: sns.ITopic;
  /**
   * The client is offboarding (CDM-3.7-DISPOSAL): no new backups (no plans,
   * selections or restore tests); the vault stays, its key is erased with
   * these terms once the stack is removed.
   *
   * @default - backups run
   */
  readonly erasure?: KeyErasure;
}

/**
 * Everything that backs up one client's datasets in its primary region
 * (BKP-2-TIERS to BKP-6-AUDIT): the backup service role, the locked and
 * encrypted vault, one plan per tier in use with copies to the replica
 * region's vault, restore tests and alerts (the audit framework is shared per account and region: `BackupAuditStack`). Synthesis
 * fails when a rule's retention falls outside the vault lock.
 */
export class ClientBackup extends Construct {
  /** The role AWS Backup assumes. */
  public readonly role: BackupServiceRole;
  /** The client's vault in this region. */
  public readonly vault: ClientBackupVault;
  /** Plans by tier. */
  public readonly plans: Readonly<Record<string, TierBackupPlan>>;
  /** Restore tests; none once the client is offboarding. */
  public readonly restoreTesting?: ClientRestoreTesting;
  /** Alerts. */
  public readonly alerts: BackupAlerts;

  constructor(scope: Construct, id: string, props: ClientBackupProps) {
    super(scope, id);
    const { clientId, names } = props;
    this.role = new BackupServiceRole(this, 'Role', { roleName: names.role, clientId });
    this.vault = new ClientBackupVault(this, 'Vault', {
      vaultName: names.vault,
      clientId,
      keyAlias: names.vaultKeyAlias,
      lock: props.lock,
      backupRoleArn: this.role.roleArn,
      erasure: props.erasure,
    });
    const plans: Record<string, TierBackupPlan> = {};
    const running = props.erasure === undefined;
    for (const tier of running ? props.tiers : []) {
      plans[tier.tier] = new TierBackupPlan(this, `Plan-${tier.tier}`, {
        clientId,
        tier,
        vault: this.vault.vault,
        copyVaultArn: props.copyVaultArn,
        backupRoleArn: this.role.roleArn,
        planName: names.plans[tier.tier],
        accountCopyVaultArn: props.accountCopy?.tiers.includes(tier.tier) ? props.accountCopy.vaultArn : undefined,
      });
    }
    this.plans = plans;
    if (running) {
      this.restoreTesting = new ClientRestoreTesting(this, 'RestoreTesting', {
        planName: names.restoreTestingPlan,
        clientId,
        tiers: props.tiers,
        vaultArn: this.vault.vault.backupVaultArn,
        backupRoleArn: this.role.roleArn,
      });
    }
    this.alerts = new BackupAlerts(this, 'Alerts', {
      topic: props.alertTopic,
      vaultName: names.vault,
      rpoHours: running && props.tiers.length > 0 ? Math.min(...props.tiers.map((t) => t.rpoHours)) : undefined,
    });
    this.node.addValidation({ validate: () => lockViolations(clientId, props.tiers, props.lock) });
  }
}

/** Rules whose retention the vault lock would refuse (BKP-IMMUTABLE), as validation errors. */
export function lockViolations(clientId: string, tiers: readonly EffectiveTier[], lock: VaultLockTerms): string[] {
  return tiers.flatMap((tier) =>
    tierRules(tier)
      .filter(
        (rule) =>
          rule.retentionDays < lock.minRetentionDays || (lock.maxRetentionDays !== undefined && rule.retentionDays > lock.maxRetentionDays),
      )
      .map(
        (rule) =>
          `client "${clientId}", tier ${tier.tier}: rule ${rule.name} keeps recovery points ${rule.retentionDays} days, outside the vault lock's [${lock.minRetentionDays}, ${lock.maxRetentionDays ?? 'unbounded'}] days (BKP-IMMUTABLE)`,
      ),
  );
}
