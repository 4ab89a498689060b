import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { REPLICATION_DEFAULTS } from '../../defaults';

/** One replicated dataset: its bucket and its replica, by ARN. */
export interface ReplicatedBucketPair {
  /** ARN of the dataset bucket (source). */
  readonly source: string;
  /** ARN of its replica bucket (destination). */
  readonly destination: string;
}

/** Properties of a {@link ReplicationRole}. */
export interface ReplicationRoleProps {
  /** The role name (fixed and unique per client, see `ClientNames.replicationRole`). */
  readonly roleName: string;
  /** ARN of the client's key in the source region. */
  readonly sourceKeyArn: string;
  /** Region of the source buckets. */
  readonly sourceRegion: string;
  /** ARN of the client's key in the replica region (a key ARN, not an alias). */
  readonly replicaKeyArn: string;
  /** Region of the replica buckets. */
  readonly replicaRegion: string;
  /** Every replicated dataset of the client. */
  readonly buckets: readonly ReplicatedBucketPair[];
}

/** The S3 actions a replication role needs, by what they act on. */
export const REPLICATION_ACTIONS = {
  sourceBucket: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
  sourceObjects: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
  destinationObjects: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
} as const;

/** The `kms:ViaService` value for S3 in a region. */
export function s3ViaService(region: string): string {
  return `s3.${region}.amazonaws.com`;
}

/**
 * The statements of one replication policy: read versions of the source
 * buckets, replicate into their replicas, decrypt with the source key and
 * encrypt with the replica key, each only through S3 in its region and only
 * for these buckets (Bucket Key makes the encryption context the bucket ARN).
 */
export function replicationStatements(props: ReplicationRoleProps, pairs: readonly ReplicatedBucketPair[]): iam.PolicyStatement[] {
  const sources = pairs.map((p) => p.source);
  const destinations = pairs.map((p) => p.destination);
  return [
    new iam.PolicyStatement({
      sid: 'ReadSourceReplicationConfiguration',
      actions: [...REPLICATION_ACTIONS.sourceBucket],
      resources: sources,
    }),
    new iam.PolicyStatement({
      sid: 'ReadSourceObjectVersions',
      actions: [...REPLICATION_ACTIONS.sourceObjects],
      resources: sources.map((arn) => `${arn}/*`),
    }),
    new iam.PolicyStatement({
      sid: 'ReplicateIntoReplicaBuckets',
      actions: [...REPLICATION_ACTIONS.destinationObjects],
      resources: destinations.map((arn) => `${arn}/*`),
    }),
    new iam.PolicyStatement({
      sid: 'DecryptSourceThroughS3',
      actions: ['kms:Decrypt'],
      resources: [props.sourceKeyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': s3ViaService(props.sourceRegion), 'kms:EncryptionContext:aws:s3:arn': sources },
      },
    }),
    new iam.PolicyStatement({
      sid: 'EncryptReplicasThroughS3',
      actions: ['kms:Encrypt'],
      resources: [props.replicaKeyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': s3ViaService(props.replicaRegion), 'kms:EncryptionContext:aws:s3:arn': destinations },
      },
    }),
  ];
}

/** Properties of a {@link ReplicationPolicy}. */
export interface ReplicationPolicyProps {
  /** The role and keys (see {@link ReplicationRoleProps}). */
  readonly role: ReplicationRoleProps;
  /** The datasets this policy covers. */
  readonly buckets: readonly ReplicatedBucketPair[];
}

/**
 * A customer managed policy with the replication permissions of some of a
 * client's datasets ({@link replicationStatements}). A class of its own so that
 * the acknowledgement of its object-level resources (`<bucket ARN>/*`) targets
 * only it.
 */
export class ReplicationPolicy extends iam.ManagedPolicy {
  /** The object ARNs (`<bucket ARN>/*`) the policy names, sources then destinations. */
  public readonly objectArns: readonly string[];

  constructor(scope: Construct, id: string, props: ReplicationPolicyProps) {
    super(scope, id, {
      description: 'S3 replication of client datasets (client-data-baseline)',
      statements: replicationStatements(props.role, props.buckets),
    });
    this.objectArns = [...props.buckets.map((b) => `${b.source}/*`), ...props.buckets.map((b) => `${b.destination}/*`)];
  }
}

/**
 * A client's S3 replication role (DP-MULTI-REGION, CDM-3.5-AUTHORIZED-COPY,
 * CDM-3.2-LEAST-PRIV): S3 in the client's account may assume it, and it can do
 * exactly what replicating the client's datasets into their replicas needs.
 * Its name is fixed per client so that bucket and key policies in the replica
 * region can exempt it by ARN before it exists. Its permissions are customer
 * managed policies of at most `REPLICATION_DEFAULTS.datasetsPerPolicy`
 * datasets each, well inside IAM's 6,144-character limit per policy.
 */
export class ReplicationRole extends iam.Role {
  /** The managed policies holding the role's permissions. */
  public readonly policies: readonly ReplicationPolicy[];

  constructor(scope: Construct, id: string, props: ReplicationRoleProps) {
    super(scope, id, {
      roleName: props.roleName,
      description: 'Replicates client datasets into their replica buckets (client-data-baseline)',
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
      }),
    });
    const size = REPLICATION_DEFAULTS.datasetsPerPolicy;
    const policies: ReplicationPolicy[] = [];
    for (let start = 0; start < props.buckets.length; start += size) {
      const policy = new ReplicationPolicy(this, `Permissions${start / size}`, {
        role: props,
        buckets: props.buckets.slice(start, start + size),
      });
      policy.attachToRole(this);
      policies.push(policy);
    }
    this.policies = policies;
  }
}
