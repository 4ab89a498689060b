import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTopicPolicy } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolveOnce } from '../helpers';
import { AWS_LIMITS, overLimit, policyBytes } from '../../../aws-limits';

/** An SNS topic policy fits SNS's 30 KB limit, so the alert topic deploys (DP-MONITOR, BKP-5-MONITOR). */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnTopicPolicy)) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = overLimit(
      policyBytes(resolveOnce(node, 'policyDocument', node.policyDocument)),
      AWS_LIMITS.snsTopicPolicyBytes,
      'bytes',
    );
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
