import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { DUTY_ROLE_DEFAULTS } from '../../../defaults';
import { resolve } from '../helpers';
import { humanTrustStatements } from './trust';

/**
 * A role people assume grants short sessions: at most an hour, IAM's minimum
 * (CDM-3.2-REVIEW), so access that a review revokes ends within the hour.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole) || humanTrustStatements(node).length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const seconds = resolve<number | undefined>(node, node.maxSessionDuration) ?? 3600; // IAM's default is one hour
    return seconds <= DUTY_ROLE_DEFAULTS.maxSessionDuration.toSeconds() ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
