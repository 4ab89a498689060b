import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { asArray, resolveOnce, type Statement, statementCovers, tagsOf } from '../helpers';

const USE = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'];
const TAG_CONDITION = `aws:PrincipalTag/${TAG_KEYS.clientId}`;

/** A principal that stands for a whole account (or everyone), not one role. */
function isBroadPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = asArray((principal as { AWS?: unknown } | undefined)?.AWS as unknown[] | undefined);
  return aws.some((p) => {
    const text = JSON.stringify(p);
    return text === '"*"' || /^"\d{12}"$/.test(text) || text.includes(':root');
  });
}

/**
 * A client key lets only that client's principals use it: every statement
 * that allows key use to a whole account requires the session tag with the
 * key's client id (the baseline's service roles carry it too, and are further
 * pinned by `aws:PrincipalArn`); other grants name AWS services
 * (DP-ABAC, CDM-3.3-TENANT-ISOLATION).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const clientId = tagsOf(node)[TAG_KEYS.clientId];
    if (clientId === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const policy = resolveOnce<{ Statement?: Statement[] } | undefined>(node, 'keyPolicy', node.keyPolicy);
    const leaky = asArray(policy?.Statement).some(
      (s) =>
        s.Effect === 'Allow' &&
        USE.some((a) => statementCovers(s, a)) &&
        isBroadPrincipal(s.Principal) &&
        s.Condition?.StringEquals?.[TAG_CONDITION] !== clientId,
    );
    return leaky ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
