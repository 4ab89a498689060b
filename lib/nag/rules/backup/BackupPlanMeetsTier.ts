import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { scheduleGaps } from '../../../backup/schedule';
import { COLD_STORAGE_MIN_DAYS, CONTINUOUS_MAX_RETENTION_DAYS, TIER_POLICIES } from '../../../backup/tiers';
import { TIERS, type Tier } from '../../../model';
import { planRules, planTier } from './helpers';

/**
 * A backup plan tagged with a tier meets the policy's floor for that tier
 * (BKP-3.1-FREQUENCY, BKP-3.2-RETENTION, BKP-4.1-RPO): every scheduled rule's
 * longest gap plus its start window stays within the tier's RPO, every
 * recovery point (and copy) is kept at least the tier's retention
 * (continuous backup: as long as AWS allows, up to 35 days), and cold storage
 * keeps AWS's 90-day minimum.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupPlan)) return NagRuleCompliance.NOT_APPLICABLE;
    const tier = planTier(node);
    if (tier === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    if (!TIERS.includes(tier as Tier)) return NagRuleCompliance.NON_COMPLIANT;
    const policy = TIER_POLICIES[tier as Tier];
    const rules = planRules(node);
    const ok =
      rules.some((r) => r.enableContinuousBackup !== true) &&
      rules.every((rule) => {
        const floor =
          rule.enableContinuousBackup === true ? Math.min(policy.retentionDays, CONTINUOUS_MAX_RETENTION_DAYS) : policy.retentionDays;
        const keeps = (days: number | undefined, cold: number | undefined) =>
          days !== undefined && days >= floor && (cold === undefined || days >= cold + COLD_STORAGE_MIN_DAYS);
        if (!keeps(rule.lifecycle?.deleteAfterDays, rule.lifecycle?.moveToColdStorageAfterDays)) return false;
        if (!(rule.copyActions ?? []).every((c) => keeps(c.lifecycle?.deleteAfterDays, c.lifecycle?.moveToColdStorageAfterDays)))
          return false;
        if (typeof rule.scheduleExpression !== 'string') return false;
        try {
          const startWindowHours = (rule.startWindowMinutes ?? 480) / 60;
          return scheduleGaps(rule.scheduleExpression).longestHours + startWindowHours <= policy.rpoHours;
        } catch {
          return false;
        }
      });
    return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
