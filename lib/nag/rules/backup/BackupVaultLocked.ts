import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupVault } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { asArray, isAnyPrincipal, resolve, type Statement, statementCovers } from '../helpers';

interface Lock {
  minRetentionDays?: number;
  maxRetentionDays?: number;
  changeableForDays?: number;
}

/**
 * A backup vault cannot be emptied early (BKP-IMMUTABLE): it has a vault lock
 * with a minimum retention (and, in compliance mode, the grace period AWS
 * requires, at least 3 days), and an access policy that denies everyone
 * deleting recovery points or changing their lifecycle.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupVault)) return NagRuleCompliance.NOT_APPLICABLE;
    const lock = resolve<Lock | undefined>(node, node.lockConfiguration);
    if (lock === undefined || typeof lock.minRetentionDays !== 'number' || lock.minRetentionDays < 1) {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    if (lock.changeableForDays !== undefined && lock.changeableForDays < 3) return NagRuleCompliance.NON_COMPLIANT;
    if (lock.maxRetentionDays !== undefined && lock.maxRetentionDays <= lock.minRetentionDays) return NagRuleCompliance.NON_COMPLIANT;
    const policy = resolve<{ Statement?: Statement[] } | undefined>(node, node.accessPolicy);
    const denies = asArray(policy?.Statement).some(
      (s) =>
        s.Effect === 'Deny' &&
        isAnyPrincipal(s.Principal) &&
        s.Condition === undefined &&
        statementCovers(s, 'backup:DeleteRecoveryPoint') &&
        statementCovers(s, 'backup:UpdateRecoveryPointLifecycle'),
    );
    return denies ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
