/**
 * Every acknowledged finding of the standard packs, in one place, each with
 * its reason. An acknowledgement names one rule (or one finding of it) on one
 * kind of construct, never a whole stack.
 */
import { Aspects, type IAspect, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { AccessLogBucket, AccessPolicy, ClientDataBucket } from '../constructs';

/** One acknowledged finding. */
export interface KnownFinding {
  /** The construct class whose resource the finding is on. */
  readonly construct: abstract new (...args: never[]) => IConstruct;
  /** Rule id, or `RuleId[finding]` for one finding of a rule. */
  readonly id: string;
  /** Why the finding is accepted. */
  readonly reason: string;
}

const ACCESS_LOG_TARGET = 'This bucket is a server access log target';

/** The acknowledged findings. */
export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  ...[
    'AwsSolutions-S1',
    'HIPAA.Security-S3BucketLoggingEnabled',
    'NIST.800.53.R5-S3BucketLoggingEnabled',
    'PCI.DSS.321-S3BucketLoggingEnabled',
  ].map((id) => ({
    construct: AccessLogBucket,
    id,
    reason: `${ACCESS_LOG_TARGET}; logging its own access would loop. Reads of it are recorded by CloudTrail data events (DP-LOG-ALL-ACCESS).`,
  })),
  ...['HIPAA.Security-S3DefaultEncryptionKMS', 'NIST.800.53.R5-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS'].map((id) => ({
    construct: AccessLogBucket,
    id,
    reason: `${ACCESS_LOG_TARGET}; S3 delivers server access logs only to SSE-S3 buckets, so it is encrypted with SSE-S3 (CDM-3.4-AT-REST).`,
  })),
  ...[
    'HIPAA.Security-S3BucketReplicationEnabled',
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'PCI.DSS.321-S3BucketReplicationEnabled',
  ].map((id) => ({
    construct: AccessLogBucket,
    id,
    reason: `${ACCESS_LOG_TARGET}; access logs are evidence kept in the region of the data they describe, not client data to recover, and are versioned and retained.`,
  })),
  // TEMPORARY until step 2 (issue 3) adds cross-region replication to every dataset bucket.
  ...[
    'HIPAA.Security-S3BucketReplicationEnabled',
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'PCI.DSS.321-S3BucketReplicationEnabled',
  ].map((id) => ({
    construct: ClientDataBucket,
    id,
    reason:
      'Cross-region replication of client datasets is delivered by step 2 (issue 3, DP-MULTI-REGION); until then versioning and retention protect the data.',
  })),
];

/**
 * Acknowledged findings whose ids name one resource pattern each, so they are
 * listed per construct: AwsSolutions-IAM5 on the wildcard patterns a client's
 * access policies must use, and only those (`scopedWildcardResources`).
 */
export const KNOWN_SCOPED_WILDCARDS = {
  construct: AccessPolicy,
  findingIds: (policy: AccessPolicy): string[] => policy.scopedWildcardResources.map((r) => `AwsSolutions-IAM5[Resource::${r}]`),
  reason:
    "An object ARN of the client's own bucket (object actions need `<bucket>/*`), or `key/*` in the client's own account and region, " +
    'which KMS requires because key ids are random; the statement is confined by kms:ResourceAliases and aws:ResourceTag/client-id ' +
    '(CDM-3.2-LEAST-PRIV), and the isolation proof evaluates it on every synth (CDM-3.3-TENANT-ISOLATION).',
} as const;

/** Applies every known acknowledgement to the matching resources below a scope. */
class AcknowledgeKnownFindings implements IAspect {
  public visit(node: IConstruct): void {
    if (node instanceof KNOWN_SCOPED_WILDCARDS.construct) {
      for (const id of KNOWN_SCOPED_WILDCARDS.findingIds(node)) {
        Validations.of(node.node.defaultChild ?? node).acknowledge({ id, reason: KNOWN_SCOPED_WILDCARDS.reason });
      }
    }
    for (const finding of KNOWN_FINDINGS) {
      if (node instanceof finding.construct) {
        Validations.of(node.node.defaultChild ?? node).acknowledge({ id: finding.id, reason: finding.reason });
      }
    }
  }
}

/** Registers the acknowledgements on an app or stage. */
export function acknowledgeKnownFindings(scope: IConstruct): void {
  Aspects.of(scope).add(new AcknowledgeKnownFindings());
}
