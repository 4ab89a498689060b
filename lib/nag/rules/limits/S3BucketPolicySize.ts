import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolveOnce } from '../helpers';
import { AWS_LIMITS, overLimit, policyBytes } from '../../../aws-limits';

/**
 * An S3 bucket policy fits S3's 20 KB limit; S3 refuses a larger one at
 * deploy time, leaving the bucket without the statements that isolate it
 * (CDM-3.3-TENANT-ISOLATION).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnBucketPolicy)) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = overLimit(
      policyBytes(resolveOnce(node, 'policyDocument', node.policyDocument)),
      AWS_LIMITS.s3BucketPolicyBytes,
      'bytes',
    );
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
