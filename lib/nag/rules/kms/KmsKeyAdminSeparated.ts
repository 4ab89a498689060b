import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { asArray, resolveOnce, type Statement, statementCovers } from '../helpers';

/** Representative actions of each kind, matched against the statement's patterns. */
const ADMIN = ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:CreateGrant'];
const USE = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'];

/**
 * A key policy keeps key administration apart from key use: no statement
 * allows both, and one statement keeps the key manageable (`kms:PutKeyPolicy`),
 * as KMS requires at creation (DP-KEY-ADMIN).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const policy = resolveOnce<{ Statement?: Statement[] } | undefined>(node, 'keyPolicy', node.keyPolicy);
    const allows = asArray(policy?.Statement).filter((s) => s.Effect === 'Allow');
    const mixed = allows.some((s) => ADMIN.some((a) => statementCovers(s, a)) && USE.some((a) => statementCovers(s, a)));
    const manageable = allows.some((s) => statementCovers(s, 'kms:PutKeyPolicy'));
    return !mixed && manageable ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
