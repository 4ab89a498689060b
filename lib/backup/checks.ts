/**
 * Configuration checks of a client's backup terms: an agreement may tighten a
 * tier, never loosen it; every schedule's longest gap fits the RPO; cold
 * storage keeps AWS's 90-day minimum; the vault lock admits every rule. Each
 * issue names the client, the tier, its datasets and the numbers.
 */
import type { ConfigIssue } from '../model/errors';
import type { ClientConfig } from '../model/schema';
import { type Tier, TIERS } from '../model';
import { clientRules, effectiveTier, vaultLockTerms } from './effective';
import { formatHours, ScheduleError, scheduleGaps } from './schedule';
import { COLD_STORAGE_MIN_DAYS, FREQUENCY_HOURS, MIN_SCHEDULE_GAP_HOURS, TIER_POLICIES } from './tiers';

function datasetsOf(client: ClientConfig, tier: Tier): string {
  const names = client.datasets.filter((d) => d.tier === tier).map((d) => d.name);
  return names.length > 0 ? `datasets: ${names.join(', ')}` : 'no datasets yet';
}

/** Problems with one tier's terms for one client. */
function tierIssues(client: ClientConfig, index: number, tier: Tier): ConfigIssue[] {
  const override = client.backup[tier];
  const inUse = client.datasets.some((d) => d.tier === tier);
  if (override === undefined && !inUse) return [];
  const policy = TIER_POLICIES[tier];
  const terms = effectiveTier(client, tier);
  const base = `clients[${index}].backup.${tier}`;
  const who = `client "${client.id}", tier ${tier} (${datasetsOf(client, tier)})`;
  const issues: ConfigIssue[] = [];

  if (override?.retentionDays !== undefined && override.retentionDays < policy.retentionDays) {
    issues.push({
      path: `${base}.retentionDays`,
      message: `${who}: keeps recovery points ${override.retentionDays} days, shorter than the policy's ${policy.retentionDays} days; an agreement may only lengthen retention (BKP-3.2-RETENTION)`,
      received: override.retentionDays,
    });
  }
  if (override?.rpoHours !== undefined && override.rpoHours > policy.rpoHours) {
    issues.push({
      path: `${base}.rpoHours`,
      message: `${who}: RPO ${formatHours(override.rpoHours)} is longer than the policy's ${formatHours(policy.rpoHours)}; an agreement may only shorten it (BKP-4.1-RPO)`,
      received: override.rpoHours,
    });
  }
  if (override?.rtoHours !== undefined && override.rtoHours > policy.rtoHours) {
    issues.push({
      path: `${base}.rtoHours`,
      message: `${who}: RTO ${formatHours(override.rtoHours)} is longer than the policy's ${formatHours(policy.rtoHours)}; an agreement may only shorten it (BKP-4.2-RTO)`,
      received: override.rtoHours,
    });
  }
  const cold = terms.moveToColdStorageAfterDays;
  if (cold !== undefined && terms.retentionDays < cold + COLD_STORAGE_MIN_DAYS) {
    issues.push({
      path: `${base}.moveToColdStorageAfterDays`,
      message: `${who}: recovery points move to cold storage after ${cold} days but are kept only ${terms.retentionDays} days; AWS Backup keeps cold recovery points at least ${COLD_STORAGE_MIN_DAYS} days, so retention must be at least ${cold + COLD_STORAGE_MIN_DAYS} days`,
      received: cold,
    });
  }

  const schedulePath = override?.schedule !== undefined ? `${base}.schedule` : `${base}.rpoHours`;
  let gaps;
  try {
    gaps = scheduleGaps(terms.schedule);
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    return [...issues, { path: `${base}.schedule`, message: `${who}: ${error.message}`, received: terms.schedule }];
  }
  if (gaps.shortestHours < MIN_SCHEDULE_GAP_HOURS) {
    issues.push({
      path: `${base}.schedule`,
      message: `${who}: schedule runs ${gaps.shortestHours * 60} minutes apart; AWS Backup runs a rule at most once an hour`,
      received: terms.schedule,
    });
  }
  const frequencyHours = FREQUENCY_HOURS[policy.frequency];
  if (override?.schedule !== undefined && gaps.longestHours > Math.min(frequencyHours, scheduleGaps(policy.schedule).longestHours)) {
    issues.push({
      path: `${base}.schedule`,
      message: `${who}: schedule leaves up to ${formatHours(gaps.longestHours)} between backups, less often than the tier's schedule "${policy.schedule}" (at most ${formatHours(scheduleGaps(policy.schedule).longestHours)}, policy: ${policy.frequency}); an agreement may only back up more often (BKP-3.1-FREQUENCY)`,
      received: terms.schedule,
    });
  }
  const worst = gaps.longestHours + terms.startWindowHours;
  if (worst > terms.rpoHours) {
    issues.push({
      path: schedulePath,
      message: `${who}: schedule "${terms.schedule}" leaves up to ${formatHours(gaps.longestHours)} between backups, plus a ${terms.startWindowHours} h start window = ${formatHours(worst)}, over the RPO of ${formatHours(terms.rpoHours)} (BKP-4.1-RPO)`,
      received: schedulePath.endsWith('schedule') ? terms.schedule : terms.rpoHours,
    });
  }
  return issues;
}

/** Problems with the vault lock against the rules writing into the client's vaults. */
function vaultLockIssues(client: ClientConfig, index: number): ConfigIssue[] {
  const lock = client.backup.vaultLock;
  const base = `clients[${index}].backup.vaultLock`;
  const issues: ConfigIssue[] = [];
  if (lock?.mode !== 'compliance' && lock?.changeableForDays !== undefined) {
    issues.push({
      path: `${base}.changeableForDays`,
      message: `client "${client.id}": changeableForDays applies to compliance mode only; a governance lock has no grace period (set mode: compliance to make the lock immutable, BKP-IMMUTABLE)`,
      received: lock.changeableForDays,
    });
  }
  if (lock?.minRetentionDays !== undefined && lock.maxRetentionDays !== undefined && lock.maxRetentionDays <= lock.minRetentionDays) {
    issues.push({
      path: `${base}.maxRetentionDays`,
      message: `client "${client.id}": the vault lock's maximum retention must be greater than its minimum of ${lock.minRetentionDays} days`,
      received: lock.maxRetentionDays,
    });
  }
  if (client.datasets.length === 0) return issues;
  const terms = vaultLockTerms(client);
  for (const rule of clientRules(client)) {
    if (rule.retentionDays < terms.minRetentionDays) {
      issues.push({
        path: `${base}.minRetentionDays`,
        message: `client "${client.id}", tier ${rule.tier} (${datasetsOf(client, rule.tier)}): rule ${rule.name} keeps recovery points ${rule.retentionDays} days, below the vault lock's minimum of ${terms.minRetentionDays} days; AWS Backup would fail every job (BKP-IMMUTABLE)`,
        received: terms.minRetentionDays,
      });
    }
    if (terms.maxRetentionDays !== undefined && rule.retentionDays > terms.maxRetentionDays) {
      issues.push({
        path: `${base}.maxRetentionDays`,
        message: `client "${client.id}", tier ${rule.tier} (${datasetsOf(client, rule.tier)}): rule ${rule.name} keeps recovery points ${rule.retentionDays} days, above the vault lock's maximum of ${terms.maxRetentionDays} days; AWS Backup would fail every job (BKP-IMMUTABLE)`,
        received: terms.maxRetentionDays,
      });
    }
  }
  return issues;
}

/** Every problem with one client's backup terms. */
export function backupIssues(client: ClientConfig, index: number): ConfigIssue[] {
  return [...TIERS.flatMap((tier) => tierIssues(client, index, tier)), ...vaultLockIssues(client, index)];
}
