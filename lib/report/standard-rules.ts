/**
 * Rules of the standard cdk-nag packs that check one of our controls, with
 * the rule ids they run under in each pack. The report evaluates each rule
 * function over the app to show which resources meet the control; the packs
 * themselves enforce it on every synth.
 */
import type { CfnResource } from 'aws-cdk-lib';
import { type NagRuleResult, rules } from 'cdk-nag';

/** A standard-pack rule mapped to our controls. */
export interface MappedStandardRule {
  /** The rule function (cdk-nag's `rules.<service>.<Name>`). */
  readonly rule: (node: CfnResource) => NagRuleResult;
  /** The ids it runs under in the packs this baseline registers. */
  readonly ids: readonly string[];
  /** Control ids from `shared/policies/CONTROLS.md` it checks. */
  readonly controls: readonly string[];
}

const HIPAA = 'HIPAA.Security';
const NIST = 'NIST.800.53.R5';
const PCI = 'PCI.DSS.321';
const ids = (name: string, packs: readonly string[], awsSolutions?: string): string[] => [
  ...(awsSolutions ? [`AwsSolutions-${awsSolutions}`] : []),
  ...packs.map((pack) => `${pack}-${name}`),
];
const ALL = [HIPAA, NIST, PCI];

/** The mapping, one entry per rule function (a test checks each id against the packs). */
export const STANDARD_RULES: readonly MappedStandardRule[] = [
  { rule: rules.s3.S3DefaultEncryptionKMS, ids: ids('S3DefaultEncryptionKMS', ALL), controls: ['CDM-3.4-AT-REST'] },
  {
    rule: rules.kms.KMSBackingKeyRotationEnabled,
    ids: ids('KMSBackingKeyRotationEnabled', [NIST, PCI], 'KMS5'),
    controls: ['CDM-3.4-AT-REST'],
  },
  { rule: rules.sns.SNSEncryptedKMS, ids: ids('SNSEncryptedKMS', ALL), controls: ['CDM-3.4-AT-REST'] },
  { rule: rules.s3.S3BucketSSLRequestsOnly, ids: ids('S3BucketSSLRequestsOnly', ALL, 'S10'), controls: ['CDM-3.4-IN-TRANSIT'] },
  { rule: rules.sns.SNSTopicSSLPublishOnly, ids: ids('SNSTopicSSLPublishOnly', [], 'SNS3'), controls: ['CDM-3.4-IN-TRANSIT'] },
  { rule: rules.s3.S3BucketVersioningEnabled, ids: ids('S3BucketVersioningEnabled', ALL), controls: ['DP-INTEGRITY'] },
  {
    rule: rules.s3.S3BucketLevelPublicAccessProhibited,
    ids: ids('S3BucketLevelPublicAccessProhibited', ALL, 'S2'),
    controls: ['DP-INTEGRITY'],
  },
  { rule: rules.s3.S3BucketPublicReadProhibited, ids: ids('S3BucketPublicReadProhibited', ALL), controls: ['DP-INTEGRITY'] },
  { rule: rules.s3.S3BucketPublicWriteProhibited, ids: ids('S3BucketPublicWriteProhibited', ALL), controls: ['DP-INTEGRITY'] },
  { rule: rules.s3.S3BucketLoggingEnabled, ids: ids('S3BucketLoggingEnabled', ALL, 'S1'), controls: ['DP-LOG-ALL-ACCESS'] },
  { rule: rules.s3.S3BucketReplicationEnabled, ids: ids('S3BucketReplicationEnabled', ALL), controls: ['DP-MULTI-REGION'] },
];
