import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { NagRuleCompliance } from 'cdk-nag';
import { DETECTION_DEFAULTS } from '../../../detection/settings';
import { asArray, resolve } from '../helpers';

/** Whether a detector is enabled with S3 Protection (Feature S3_DATA_EVENTS, no legacy DataSources) and 15-minute finding export. */
export function isS3ProtectingDetector(node: CfnDetector): boolean {
  const features = asArray(resolve<{ name?: string; status?: string }[] | undefined>(node, node.features));
  return (
    resolve(node, node.enable) === true &&
    node.dataSources === undefined &&
    resolve(node, node.findingPublishingFrequency) === DETECTION_DEFAULTS.findingPublishingFrequency &&
    DETECTION_DEFAULTS.guardDutyFeatures.every((name) => features.some((f) => f.name === name && f.status === 'ENABLED'))
  );
}

/**
 * A GuardDuty detector runs threat detection over API activity and S3 data
 * access (DP-THREAT-DETECTION): enabled, S3 Protection on as the
 * `S3_DATA_EVENTS` feature (the legacy `DataSources` and `Features` are
 * mutually exclusive), findings exported every 15 minutes.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnDetector)) return NagRuleCompliance.NOT_APPLICABLE;
    return isS3ProtectingDetector(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
