/**
 * Regions where AWS does not offer a detection service (its CloudFormation
 * resource type does not exist there): the detection stack leaves the
 * service out and records why, and the report says the control is not met
 * there. Source: aws-cdk-lib's CloudFormation validation at synth ("Resource
 * type 'AWS::Macie::Session' does not exist in 'ca-west-1'", and in 'ap-southeast-4').
 */
import type { DetectionFeature } from '../model';

/** Feature -> regions where its service is not offered. */
export const UNAVAILABLE_IN: Readonly<Partial<Record<DetectionFeature, readonly string[]>>> = {
  sensitiveDataDiscovery: ['ap-southeast-4', 'ca-west-1'],
};

/** Stack metadata recording the features a region does not offer. */
export const DETECTION_UNAVAILABLE_METADATA = 'cdb:detection-unavailable';

/** Whether AWS offers a feature's service in a region. */
export function offeredIn(feature: DetectionFeature, region: string): boolean {
  return !(UNAVAILABLE_IN[feature] ?? []).includes(region);
}
