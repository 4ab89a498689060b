import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupPlan, CfnRestoreTestingPlan, CfnRestoreTestingSelection } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { scheduleGaps } from '../../../backup/schedule';
import { RESTORE_TEST_MAX_GAP_HOURS } from '../../../backup/tiers';
import { TAG_KEYS } from '../../../model';
import { asArray, resolve, resourcesInStack, tagsOf } from '../helpers';
import { planTier } from './helpers';

/** Whether a restore testing plan runs at least quarterly, counting its start window. */
function atLeastQuarterly(plan: CfnRestoreTestingPlan): boolean {
  const schedule = resolve(plan, plan.scheduleExpression);
  if (typeof schedule !== 'string') return false;
  try {
    const window = (resolve<number | undefined>(plan, plan.startWindowHours) ?? 24) as number;
    return scheduleGaps(schedule).longestHours + window <= RESTORE_TEST_MAX_GAP_HOURS;
  } catch {
    return false;
  }
}

/**
 * Every tiered backup plan's resources are restored automatically at least
 * quarterly (BKP-3.4-TESTING): the stack holds a restore testing selection
 * of the plan's client and tier, in a restore testing plan of the stack that
 * runs at least every 92 days.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupPlan)) return NagRuleCompliance.NOT_APPLICABLE;
    const tier = planTier(node);
    const clientId = tagsOf(node)[TAG_KEYS.clientId];
    if (tier === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const plans = resourcesInStack(node, CfnRestoreTestingPlan).filter(atLeastQuarterly);
    const tested = resourcesInStack(node, CfnRestoreTestingSelection).some((selection) => {
      const planName = resolve(selection, selection.restoreTestingPlanName);
      const conditions = resolve<{ stringEquals?: { key: string; value: string }[] } | undefined>(
        selection,
        selection.protectedResourceConditions,
      );
      const pairs = Object.fromEntries(asArray(conditions?.stringEquals).map((c) => [c.key, c.value]));
      return (
        resolve(selection, selection.protectedResourceType) === 'S3' &&
        pairs[`aws:ResourceTag/${TAG_KEYS.tier}`] === tier &&
        (clientId === undefined || pairs[`aws:ResourceTag/${TAG_KEYS.clientId}`] === clientId) &&
        plans.some((plan) => resolve(plan, plan.restoreTestingPlanName) === planName)
      );
    });
    return tested ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
