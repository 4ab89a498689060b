import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { stackAllowedRegions } from '../helpers';
import { planRules, vaultArnRegion } from './helpers';

/**
 * Every rule of a backup plan copies its recovery points to a vault in
 * another region (BKP-3.5-OFFSITE), named by a literal ARN, and that region
 * is one the client's agreement allows (CDM-3.8-SOVEREIGNTY).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupPlan)) return NagRuleCompliance.NOT_APPLICABLE;
    const home = Stack.of(node).region;
    const allowed = stackAllowedRegions(node);
    const rules = planRules(node);
    if (rules.length === 0) return NagRuleCompliance.NON_COMPLIANT;
    const ok = rules.every((rule) => {
      const copies = rule.copyActions ?? [];
      return (
        copies.length > 0 &&
        copies.every((copy) => {
          const region = vaultArnRegion(copy.destinationBackupVaultArn);
          return region !== undefined && region !== home && (allowed === undefined || allowed.includes(region));
        })
      );
    });
    return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
