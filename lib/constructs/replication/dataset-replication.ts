import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { REPLICATION_DEFAULTS } from '../../defaults';
import { type Classification, REGULATED_CLASSIFICATIONS, type Tier } from '../../model';

/** Where and how a dataset bucket replicates (DP-MULTI-REGION, CDM-3.5-AUTHORIZED-COPY). */
export interface DatasetReplication {
  /** The replica bucket in the client's replica region: the only approved destination. */
  readonly destination: s3.IBucket;
  /** The client's key in the replica region, by key ARN (S3 needs a key ARN, not an alias). */
  readonly replicaKey: kms.IKey;
  /** The client's replication role (see `ReplicationRole`). */
  readonly role: iam.IRole;
}

/** Whether a dataset gets S3 Replication Time Control: `critical` tier or regulated data (CDM-3.1-CLASSIFY). */
export function needsReplicationTimeControl(tier: Tier, classification: Classification): boolean {
  return (
    REPLICATION_DEFAULTS.replicationTimeControlTiers.includes(tier) ||
    (REPLICATION_DEFAULTS.replicationTimeControlRegulated && REGULATED_CLASSIFICATIONS.includes(classification))
  );
}

/**
 * The one replication rule of a dataset bucket: every object (SSE-KMS ones
 * included) to the replica bucket, encrypted there with the client's replica
 * key; delete markers are not replicated (`REPLICATION_DEFAULTS`); replication
 * metrics always on (the failure alarm reads them) and Replication Time
 * Control for `critical` and regulated data.
 */
export function replicationRuleFor(
  dataset: string,
  tier: Tier,
  classification: Classification,
  replication: DatasetReplication,
): s3.ReplicationRule {
  const rtc = needsReplicationTimeControl(tier, classification);
  return {
    id: `replicate-${dataset}`,
    priority: 0,
    destination: replication.destination,
    kmsKey: replication.replicaKey,
    sseKmsEncryptedObjects: true,
    deleteMarkerReplication: REPLICATION_DEFAULTS.deleteMarkerReplication,
    metrics: s3.ReplicationTimeValue.FIFTEEN_MINUTES,
    replicationTimeControl: rtc ? s3.ReplicationTimeValue.FIFTEEN_MINUTES : undefined,
  };
}
