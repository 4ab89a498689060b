/**
 * The detection layer's acknowledged findings of the standard packs, each
 * with its reason (applied with the others by `acknowledgeKnownFindings`).
 */
import { ConfigAggregatorRole, ConfigHistoryBucket, MalwareScanPolicy } from '../constructs';
import type { KnownFinding } from './acknowledgements';

/** The acknowledgements. */
export const DETECTION_KNOWN_FINDINGS: readonly KnownFinding[] = [
  {
    construct: MalwareScanPolicy,
    id: 'AwsSolutions-IAM5',
    findings: (node) => (node as MalwareScanPolicy).wildcardResources.map((arn) => `Resource::${arn}`),
    reason:
      "GuardDuty Malware Protection for S3 needs exactly these patterns (AWS's documented prerequisite policy): the objects of its one bucket (<bucket ARN>/*, to scan and tag each new object) and GuardDuty's managed EventBridge rules of its account and region (their names are GuardDuty's, with a fixed prefix, and the management actions also require events:ManagedBy = GuardDuty Malware Protection). No other bucket or key (DP-THREAT-DETECTION, CDM-3.2-LEAST-PRIV).",
  },
  ...[
    'HIPAA.Security-S3BucketReplicationEnabled',
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'PCI.DSS.321-S3BucketReplicationEnabled',
  ].map((id) => ({
    construct: ConfigHistoryBucket,
    id,
    reason:
      'The configuration history AWS Config delivers (DP-POSTURE): Config keeps the same history in each recording region and re-delivers snapshots daily, so this bucket is a convenience copy, not the copy of record; it is versioned, deletion is denied to everyone, and it is retained.',
  })),
  {
    construct: ConfigAggregatorRole,
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
    reason:
      "The organization's Config aggregator in the security account (DP-POSTURE, DP-IDS-INDEPENDENT) uses the policy AWS documents for it: read-only Organizations actions (describe the organization, list its accounts, its service access and delegated administrators), which AWS keeps current as Config's needs change; it reads no data.",
  },
];
