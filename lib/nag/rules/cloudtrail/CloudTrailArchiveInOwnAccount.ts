import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { ORGANIZATION_METADATA } from '../../../model';
import { resolve, stackClientId } from '../helpers';
import { keyOfAliasArn } from './trail-helpers';

/**
 * With a log archive account (`provider.accounts.logArchive`, stack metadata
 * `cdb:log-archive-account` on the trail's stack), the trail's archive lives
 * outside every account whose activity it records (DP-LOG-INTEGRITY, full
 * form): the bucket it delivers to is a bucket of the app in a stack of the
 * log archive account, which is neither the trail's account nor the account
 * of any client stack of the app, and its log files are encrypted with a key
 * of that account (named by alias ARN). Without the metadata: not applicable
 * (the single-account form).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const entry = Stack.of(node).node.metadata.find((m) => m.type === ORGANIZATION_METADATA.logArchiveAccount);
    if (entry === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const archiveAccount = entry.data as string;
    if (archiveAccount === Stack.of(node).account) return NagRuleCompliance.NON_COMPLIANT;
    const bucketName = resolve(node, node.s3BucketName);
    const all = node.node.root.node.findAll();
    const archive = all.find(
      (c): c is CfnBucket => c instanceof CfnBucket && typeof bucketName === 'string' && resolve(c, c.bucketName) === bucketName,
    );
    if (archive === undefined || Stack.of(archive).account !== archiveAccount) return NagRuleCompliance.NON_COMPLIANT;
    const key = keyOfAliasArn(node, node.kmsKeyId);
    if (key === undefined || Stack.of(key).account !== archiveAccount) return NagRuleCompliance.NON_COMPLIANT;
    const recordsArchiveAccount = all.some(
      (c) =>
        Stack.isStack(c) &&
        c.account === archiveAccount &&
        c.node.findAll().some((r) => r instanceof CfnBucket && stackClientId(r) !== undefined),
    );
    return recordsArchiveAccount ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
