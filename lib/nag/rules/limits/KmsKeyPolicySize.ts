import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolveOnce } from '../helpers';
import { AWS_LIMITS, overLimit, policyBytes } from '../../../aws-limits';

/** A KMS key policy fits KMS's 32 KB limit (DP-KEY-ADMIN: a refused policy leaves the key unusable). */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = overLimit(policyBytes(resolveOnce(node, 'keyPolicy', node.keyPolicy)), AWS_LIMITS.kmsKeyPolicyBytes, 'bytes');
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
