import { Duration, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { TierPolicy } from '../../backup/tiers';
import { DATA_BUCKET_DEFAULTS, DEFAULT_RETENTION_DAYS } from '../../defaults';
import { S3_DATA_ACTIONS } from '../../access';
import { type Classification, TAG_KEYS, type Tier } from '../../model';
import { type DatasetReplication, replicationRuleFor } from '../replication/dataset-replication';

/** Properties of a {@link ClientDataBucket}. */
export interface ClientDataBucketProps {
  /** The bucket name (derived from the configuration, see `names.ts`). */
  readonly bucketName: string;
  /** The owning client's id (CDM-3.1-CLASSIFY, DP-ABAC). */
  readonly clientId: string;
  /** The dataset this bucket holds; one dataset, one bucket. */
  readonly dataset: string;
  /** The one classification of the data in this bucket (DP-CLASS-SEPARATE). */
  readonly classification: Classification;
  /** The backup tier (BKP-2-TIERS). */
  readonly tier: Tier;
  /** The client's own customer-managed key (CDM-3.4-AT-REST). */
  readonly encryptionKey: kms.IKey;
  /** Where server access logs go (DP-LOG-ALL-ACCESS). */
  readonly serverAccessLogsBucket: s3.IBucket;
  /**
   * Days an object is kept before it expires (CDM-3.7-RETENTION).
   *
   * @default DEFAULT_RETENTION_DAYS[classification]
   */
  readonly retentionDays?: number;
  /**
   * ARNs of the baseline's own service roles (replication, backup) that may
   * reach the data without carrying the client's session tag.
   *
   * @default - none
   */
  readonly serviceRoleArns?: readonly string[];
  /**
   * Cross-region replication of this dataset into its replica bucket
   * (DP-MULTI-REGION); see {@link replicationRuleFor}.
   *
   * @default - no replication (replica buckets, which are the destination)
   */
  readonly replication?: DatasetReplication;
}

/**
 * One client dataset: an S3 bucket that is encrypted with the client's key,
 * versioned, private, logged, expiring on the client's schedule, retained on
 * stack deletion, and whose policy admits only the owning client's sessions,
 * over TLS 1.2 or later, with uploads encrypted by the client's key.
 */
export class ClientDataBucket extends s3.Bucket {
  /** The owning client's id. */
  public readonly clientId: string;
  /** The dataset name. */
  public readonly dataset: string;
  /** The classification of the data in this bucket. */
  public readonly classification: Classification;
  /** The backup tier. */
  public readonly tier: Tier;
  /** Days objects are kept. */
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: ClientDataBucketProps) {
    const retentionDays = props.retentionDays ?? DEFAULT_RETENTION_DAYS[props.classification];
    super(scope, id, {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: DATA_BUCKET_DEFAULTS.minimumTlsVersion,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: `${props.dataset}/`,
      removalPolicy: DATA_BUCKET_DEFAULTS.removalPolicy,
      replicationRole: props.replication?.role,
      replicationRules: props.replication
        ? [replicationRuleFor(props.dataset, props.tier, props.classification, props.replication)]
        : undefined,
      lifecycleRules: [
        {
          id: 'retention',
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: DATA_BUCKET_DEFAULTS.noncurrentVersionExpiration,
          abortIncompleteMultipartUploadAfter: DATA_BUCKET_DEFAULTS.abortIncompleteMultipartUploadAfter,
        },
      ],
    });
    this.clientId = props.clientId;
    this.dataset = props.dataset;
    this.classification = props.classification;
    this.tier = props.tier;
    this.retentionDays = retentionDays;

    Tags.of(this).add(TAG_KEYS.clientId, props.clientId);
    Tags.of(this).add(TAG_KEYS.dataset, props.dataset);
    Tags.of(this).add(TAG_KEYS.classification, props.classification);
    Tags.of(this).add(TAG_KEYS.tier, props.tier);

    // CDM-3.4-AT-REST: an upload that names another encryption or another key is refused;
    // one that names none gets the bucket default, the client's key.
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyUploadsNotEncryptedWithClientKey',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.arnForObjects('*')],
        // Only when the header is present (Null false): an upload without it gets the bucket default, the client key.
        conditions: {
          StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
          Null: { 's3:x-amz-server-side-encryption': 'false' },
        },
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyUploadsWithForeignKey',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.arnForObjects('*')],
        conditions: {
          StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': props.encryptionKey.keyArn },
          Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
        },
      }),
    );
    // DP-ABAC, CDM-3.3-TENANT-ISOLATION: data actions need the client's id in the session.
    // Bucket administration is not denied, so CloudFormation can still manage the bucket.
    const exempt = props.serviceRoleArns ?? [];
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyDataAccessOutsideClient',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...S3_DATA_ACTIONS],
        resources: [this.bucketArn, this.arnForObjects('*')],
        conditions: {
          StringNotEquals: { [`aws:PrincipalTag/${TAG_KEYS.clientId}`]: props.clientId },
          ...(exempt.length > 0 ? { ArnNotEquals: { 'aws:PrincipalArn': [...exempt] } } : {}),
        },
      }),
    );
  }
  /**
   * Records the dataset's recovery objectives on the bucket as tags
   * (`rpo-hours`, `rto-hours`), so that restore tests and reports can be
   * judged against them per dataset (BKP-4.1-RPO, BKP-4.2-RTO).
   *
   * @param tier the objectives of the dataset's tier as they apply to its client (`effectiveTier`)
   */
  public tagRecoveryObjectives(tier: Pick<TierPolicy, 'rpoHours' | 'rtoHours'>): void {
    Tags.of(this).add(TAG_KEYS.rpoHours, String(tier.rpoHours));
    Tags.of(this).add(TAG_KEYS.rtoHours, String(tier.rtoHours));
  }
}
