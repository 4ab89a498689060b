import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import type { IConstruct } from 'constructs';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asArray, resolve } from '../helpers';
import { AWS_LIMITS } from '../../../aws-limits';

/** Policies of each type by target id across the app, counted once per app. */
const COUNTS = new WeakMap<IConstruct, ReadonlyMap<string, number>>();

function countsOf(node: CfnResource): ReadonlyMap<string, number> {
  const root = node.node.root;
  let counts = COUNTS.get(root);
  if (counts === undefined) {
    const out = new Map<string, number>();
    for (const policy of root.node.findAll().filter((c): c is CfnPolicy => c instanceof CfnPolicy)) {
      for (const target of asArray(resolve<string[] | undefined>(policy, policy.targetIds))) {
        const key = `${resolve<string>(policy, policy.type)} ${target}`;
        out.set(key, (out.get(key) ?? 0) + 1);
      }
    }
    counts = out;
    COUNTS.set(root, counts);
  }
  return counts;
}

/**
 * No root, OU or account gets more policies of one type than Organizations
 * attaches (5, counting the AWS managed FullAWSAccess or RCPFullAWSAccess that
 * stays attached): policies of the app are counted per target across stacks
 * (DP-MINIMAL-SERVICES). Each finding names the target and its count.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnPolicy)) return NagRuleCompliance.NOT_APPLICABLE;
    const type = resolve<string>(node, node.type);
    const counts = countsOf(node);
    const findings = asArray(resolve<string[] | undefined>(node, node.targetIds)).flatMap((target) => {
      const attached = (counts.get(`${type} ${target}`) ?? 0) + 1;
      return attached > AWS_LIMITS.organizationsPoliciesPerTarget
        ? [`${target}: ${attached} ${type} policies, limit ${AWS_LIMITS.organizationsPoliciesPerTarget}`]
        : [];
    });
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
