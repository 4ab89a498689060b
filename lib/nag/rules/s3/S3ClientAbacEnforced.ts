import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { S3_DATA_ACTIONS } from '../../../access';
import { TAG_KEYS } from '../../../model';
import { bucketPolicyStatements, coversBucketAndObjects, isAnyPrincipal, type Statement, statementCovers, tagsOf } from '../helpers';

const TAG_CONDITION = `aws:PrincipalTag/${TAG_KEYS.clientId}`;

/** The deny only leaves room for the owner's tag and exempted service roles by ARN. */
function isAbacDeny(bucket: CfnBucket, s: Statement, clientId: string): boolean {
  if (s.Effect !== 'Deny' || !isAnyPrincipal(s.Principal) || !coversBucketAndObjects(bucket, s)) return false;
  if (!S3_DATA_ACTIONS.every((action) => statementCovers(s, action))) return false;
  const condition = s.Condition ?? {};
  const operators = Object.keys(condition);
  if (operators.some((op) => op !== 'StringNotEquals' && op !== 'ArnNotEquals')) return false;
  const tagKeys = Object.keys(condition.StringNotEquals ?? {});
  if (tagKeys.length !== 1 || condition.StringNotEquals?.[TAG_CONDITION] !== clientId) return false;
  return Object.keys(condition.ArnNotEquals ?? {}).every((key) => key === 'aws:PrincipalArn');
}

/**
 * A client dataset bucket's policy denies every data action to every
 * principal whose session is not tagged with the owning client's id, except
 * the baseline's own service roles named by ARN (DP-ABAC,
 * CDM-3.3-TENANT-ISOLATION).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const tags = tagsOf(node);
    if (tags[TAG_KEYS.dataset] === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const clientId = tags[TAG_KEYS.clientId];
    if (clientId === undefined) return NagRuleCompliance.NON_COMPLIANT;
    return bucketPolicyStatements(node).some((s) => isAbacDeny(node, s, clientId))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
