/**
 * A client's backup terms: the policy's tier table with the client's
 * agreement applied (`client.backup`), the rules each tier runs, and the
 * vault lock that fits every rule writing into the client's vaults.
 */
import { BACKUP_VAULT_DEFAULTS } from '../defaults';
import type { ClientConfig, TierOverride } from '../model/schema';
import { type Tier, TIERS } from '../model';
import { CONTINUOUS_MAX_RETENTION_DAYS, TIER_POLICIES, type TierPolicy } from './tiers';

/** One tier as it applies to one client. */
export interface EffectiveTier extends TierPolicy {
  /** The tier. */
  readonly tier: Tier;
  /** Days before recovery points move to cold storage, when the agreement asks for it. */
  readonly moveToColdStorageAfterDays?: number;
}

/** One AWS Backup rule of a tier. */
export interface TierRule {
  /** Rule name, unique within the client's plans: `<tier>-snapshot` or `<tier>-continuous`. */
  readonly name: string;
  /** The tier the rule belongs to. */
  readonly tier: Tier;
  /** AWS cron schedule. */
  readonly schedule: string;
  /** Days its recovery points (and their copies) are kept. */
  readonly retentionDays: number;
  /** Days before its recovery points move to cold storage. */
  readonly moveToColdStorageAfterDays?: number;
  /** Whether the rule is S3 continuous backup. */
  readonly continuous: boolean;
}

/** The vault lock of a client's backup vaults. */
export interface VaultLockTerms {
  /** `governance` (no grace period, removable by privileged roles) or `compliance` (immutable after the grace period). */
  readonly mode: 'governance' | 'compliance';
  /** Shortest retention the vault accepts. */
  readonly minRetentionDays: number;
  /** Longest retention the vault accepts; `undefined` when it would equal the minimum. */
  readonly maxRetentionDays?: number;
  /** Compliance mode: days before the lock becomes immutable. */
  readonly changeableForDays?: number;
}

/** The tiers a client's datasets use, in the policy's order. */
export function clientTiers(client: ClientConfig): Tier[] {
  return TIERS.filter((tier) => client.datasets.some((d) => d.tier === tier));
}

/** A tier with the client's agreement applied (the agreement is validated separately). */
export function effectiveTier(client: ClientConfig, tier: Tier): EffectiveTier {
  const policy = TIER_POLICIES[tier];
  const override: TierOverride = client.backup[tier] ?? {};
  return {
    ...policy,
    tier,
    schedule: override.schedule ?? policy.schedule,
    retentionDays: override.retentionDays ?? policy.retentionDays,
    rpoHours: override.rpoHours ?? policy.rpoHours,
    rtoHours: override.rtoHours ?? policy.rtoHours,
    moveToColdStorageAfterDays: override.moveToColdStorageAfterDays,
  };
}

/** The rules of a tier: scheduled snapshots, and continuous backup where the tier asks for it. */
export function tierRules(tier: EffectiveTier): TierRule[] {
  const rules: TierRule[] = [
    {
      name: `${tier.tier}-snapshot`,
      tier: tier.tier,
      schedule: tier.schedule,
      retentionDays: tier.retentionDays,
      moveToColdStorageAfterDays: tier.moveToColdStorageAfterDays,
      continuous: false,
    },
  ];
  if (tier.continuous) {
    rules.push({
      name: `${tier.tier}-continuous`,
      tier: tier.tier,
      schedule: tier.schedule,
      retentionDays: Math.min(tier.retentionDays, CONTINUOUS_MAX_RETENTION_DAYS),
      continuous: true,
    });
  }
  return rules;
}

/** Every rule writing into the client's vaults (its primary vault, and by copy its copy vault). */
export function clientRules(client: ClientConfig): TierRule[] {
  return clientTiers(client).flatMap((tier) => tierRules(effectiveTier(client, tier)));
}

/**
 * The client's vault lock: the agreement's bounds, or else the shortest and
 * longest retention of the rules writing into the vaults (BKP-IMMUTABLE).
 */
export function vaultLockTerms(client: ClientConfig): VaultLockTerms {
  const lock = client.backup.vaultLock;
  const retentions = clientRules(client).map((r) => r.retentionDays);
  const min = lock?.minRetentionDays ?? Math.min(...retentions);
  const max = lock?.maxRetentionDays ?? Math.max(...retentions);
  const mode = lock?.mode ?? BACKUP_VAULT_DEFAULTS.lockMode;
  return {
    mode,
    minRetentionDays: min,
    maxRetentionDays: max > min ? max : undefined,
    changeableForDays: mode === 'compliance' ? (lock?.changeableForDays ?? BACKUP_VAULT_DEFAULTS.lockChangeableForDays) : undefined,
  };
}
