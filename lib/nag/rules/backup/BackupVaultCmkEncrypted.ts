import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupVault } from 'aws-cdk-lib/aws-backup';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { logicalIdOf, referencedId, resolve, resourcesInStack, tagsOf } from '../helpers';

/**
 * A backup vault is encrypted with a rotating customer-managed key of its own
 * stack that belongs to the same client, never the AWS-managed backup key
 * (BKP-3.3-METHOD, CDM-3.4-AT-REST).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupVault)) return NagRuleCompliance.NOT_APPLICABLE;
    if (node.encryptionKeyArn === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const keyId = referencedId(node, node.encryptionKeyArn);
    const key = resourcesInStack(node, CfnKey).find((k) => logicalIdOf(k) === keyId);
    if (key === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const sameClient = tagsOf(key)[TAG_KEYS.clientId] === tagsOf(node)[TAG_KEYS.clientId];
    return sameClient && resolve(key, key.enableKeyRotation) === true ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
