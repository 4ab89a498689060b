import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { ORGANIZATION_METADATA, REGULATED_CLASSIFICATIONS, TAG_KEYS } from '../../../model';
import { resourcesInStack, stackAllowedRegions, stackClientId, tagsOf } from '../helpers';
import { planRules, planTier } from './helpers';

const VAULT_ARN = /^arn:aws[\w-]*:backup:([a-z0-9-]+):(\d{12}):backup-vault:[\w-]+$/;

/**
 * With a backup account (`provider.accounts.backup`, stack metadata
 * `cdb:backup-account` on client stacks), every rule of a client's plan that
 * backs up a critical or regulated (`pii`, `phi`, `pci`, `cui`) dataset of
 * its stack (by the plan's and the bucket's `tier` tags) also copies to a
 * vault of the backup account, named by a literal ARN, in one of the client's
 * allowed regions (BKP-BLAST-RADIUS, CDM-3.8-SOVEREIGNTY). Without the
 * metadata, or for a plan of other datasets only: not applicable.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupPlan) || stackClientId(node) === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const entry = Stack.of(node).node.metadata.find((m) => m.type === ORGANIZATION_METADATA.backupAccount);
    if (entry === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const backupAccount = entry.data as string;
    const tier = planTier(node);
    const protectsCritical = resourcesInStack(node, CfnBucket).some((bucket) => {
      const tags = tagsOf(bucket);
      if (tags[TAG_KEYS.tier] !== tier || tags[TAG_KEYS.dataset] === undefined) return false;
      return tier === 'critical' || (REGULATED_CLASSIFICATIONS as readonly string[]).includes(tags[TAG_KEYS.classification]);
    });
    if (!protectsCritical) return NagRuleCompliance.NOT_APPLICABLE;
    const allowed = stackAllowedRegions(node) ?? [];
    const rules = planRules(node);
    const copiedOut =
      backupAccount !== Stack.of(node).account &&
      rules.length > 0 &&
      rules.every((rule) =>
        (rule.copyActions ?? []).some((copy) => {
          const m = typeof copy.destinationBackupVaultArn === 'string' ? VAULT_ARN.exec(copy.destinationBackupVaultArn) : null;
          return m !== null && m[2] === backupAccount && allowed.includes(m[1]);
        }),
      );
    return copiedOut ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
