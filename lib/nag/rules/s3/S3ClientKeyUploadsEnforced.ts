import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { bucketPolicyStatements, isAnyPrincipal, resolve, type Statement, statementCovers, tagsOf } from '../helpers';

function deniesPut(s: Statement): boolean {
  return s.Effect === 'Deny' && isAnyPrincipal(s.Principal) && statementCovers(s, 's3:PutObject');
}

/**
 * A client dataset bucket's policy refuses uploads that ask for an encryption
 * other than SSE-KMS or a key other than the bucket's own client key
 * (CDM-3.4-AT-REST).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || tagsOf(node)[TAG_KEYS.dataset] === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const encryption = resolve<{
      serverSideEncryptionConfiguration?: { serverSideEncryptionByDefault?: { kmsMasterKeyId?: unknown } }[];
    }>(node, node.bucketEncryption);
    const keyId = encryption?.serverSideEncryptionConfiguration?.[0]?.serverSideEncryptionByDefault?.kmsMasterKeyId;
    if (keyId === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const denies = bucketPolicyStatements(node).filter(deniesPut);
    const algorithm = denies.some((s) => {
      const c = s.Condition?.StringNotEqualsIfExists ?? s.Condition?.StringNotEquals;
      return c?.['s3:x-amz-server-side-encryption'] === 'aws:kms';
    });
    const key = denies.some((s) => {
      const c = s.Condition?.StringNotEqualsIfExists ?? s.Condition?.StringNotEquals;
      return JSON.stringify(c?.['s3:x-amz-server-side-encryption-aws-kms-key-id']) === JSON.stringify(keyId);
    });
    return algorithm && key ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
