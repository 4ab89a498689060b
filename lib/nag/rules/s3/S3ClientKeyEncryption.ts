import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { logicalIdOf, referencedId, resolve, resourcesInStack, tagsOf } from '../helpers';

interface EncryptionRule {
  serverSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: unknown };
}

/**
 * A client dataset bucket (one tagged with a dataset) is encrypted by default
 * with SSE-KMS under a customer-managed key of its own stack that belongs to
 * the same client and rotates (CDM-3.4-AT-REST, CDM-3.3-SEGREGATE).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const tags = tagsOf(node);
    if (tags[TAG_KEYS.dataset] === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const encryption = resolve<{ serverSideEncryptionConfiguration?: EncryptionRule[] } | undefined>(node, node.bucketEncryption);
    const rules = encryption?.serverSideEncryptionConfiguration ?? [];
    const byDefault = rules[0]?.serverSideEncryptionByDefault;
    if (rules.length !== 1 || byDefault?.sseAlgorithm !== 'aws:kms' || byDefault.kmsMasterKeyId === undefined) {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    const keyId = referencedId(node, byDefault.kmsMasterKeyId);
    const key = resourcesInStack(node, CfnKey).find((k) => logicalIdOf(k) === keyId);
    if (key === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const sameClient = tagsOf(key)[TAG_KEYS.clientId] === tags[TAG_KEYS.clientId];
    const rotates = resolve(key, key.enableKeyRotation) === true;
    const symmetric = (resolve(key, key.keySpec) ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT';
    return sameClient && rotates && symmetric ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
