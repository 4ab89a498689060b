import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnConfigurationRecorder, CfnDeliveryChannel } from 'aws-cdk-lib/aws-config';
import { NagRuleCompliance } from 'cdk-nag';
import { BASELINE_RECORDED_TYPES, configServiceLinkedRoleArn } from '../../../detection/recording';
import { asArray, logicalIdOf, resolve, resourcesInStack } from '../helpers';
import { sameValue } from './helpers';

/** Whether a recorder records the baseline's types with Config's service-linked role and delivers through a channel of its stack. */
export function isCompleteRecorder(node: CfnConfigurationRecorder): boolean {
  const { partition, account } = Stack.of(node);
  if (!sameValue(resolve(node, node.roleArn), resolve(node, configServiceLinkedRoleArn(partition, account)))) return false;
  const group = resolve<{ allSupported?: boolean; resourceTypes?: string[] } | undefined>(node, node.recordingGroup);
  const recordsAll = group === undefined || group.allSupported === true;
  if (!recordsAll && !BASELINE_RECORDED_TYPES.every((t) => asArray(group?.resourceTypes).includes(t))) return false;
  const id = logicalIdOf(node);
  const channels = resourcesInStack(node, CfnDeliveryChannel);
  // Each needs the other when created: a DependsOn from the channel to the recorder fails the deploy.
  return (
    channels.length > 0 &&
    channels.every((c) => !c.obtainDependencies().some((d) => d instanceof CfnConfigurationRecorder && logicalIdOf(d) === id))
  );
}

/**
 * AWS Config records what Security Hub's controls evaluate (DP-POSTURE):
 * every supported type, or at least every type the baseline deploys, with
 * Config's service-linked role (Security Hub control Config.1), and a
 * delivery channel of the same stack that does not depend on the recorder.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnConfigurationRecorder)) return NagRuleCompliance.NOT_APPLICABLE;
    return isCompleteRecorder(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
