import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnHub, CfnStandard } from 'aws-cdk-lib/aws-securityhub';
import { NagRuleCompliance } from 'cdk-nag';
import { SECURITY_HUB_STANDARDS, standardArn } from '../../../detection/standards';
import { logicalIdOf, resolve, resourcesInStack } from '../helpers';
import { renderedProperty } from '../replication-helpers';
import { sameValue } from './helpers';

/** Whether a hub of a stack subscribes, in that stack, to every one of the four standards, each after the hub. */
export function hasFourStandards(hub: CfnHub): boolean {
  if (resolve(hub, hub.enableDefaultStandards) !== false) return false;
  const { partition, region } = Stack.of(hub);
  const hubId = logicalIdOf(hub);
  const standards = resourcesInStack(hub, CfnStandard);
  return SECURITY_HUB_STANDARDS.every((standard) =>
    standards.some(
      (s) =>
        sameValue(renderedProperty(s, 'StandardsArn'), resolve(s, standardArn(standard, partition, region))) &&
        s.obtainDependencies().some((d) => d instanceof CfnHub && logicalIdOf(d) === hubId),
    ),
  );
}

/**
 * Security Hub assesses the deployed configuration against the frameworks
 * the synth checks use (DP-POSTURE): the hub does not enable the default
 * standards (they would collide with explicit subscriptions) and its stack
 * subscribes to AWS Foundational Security Best Practices, CIS AWS
 * Foundations, NIST SP 800-53 Rev. 5 and PCI DSS with region-specific ARNs,
 * each depending on the hub (nothing else orders them). ARNs are read as the
 * template renders them, overrides included.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnHub)) return NagRuleCompliance.NOT_APPLICABLE;
    return hasFourStandards(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
