import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { LOG_ARCHIVE_DEFAULTS } from '../../defaults';
import { type LockMode } from '../../model';

/** Object actions that would remove a log file or its lock: denied to everyone. */
export const LOG_DELETION_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention'] as const;

/** Properties of a {@link LogArchiveBucket}. */
export interface LogArchiveBucketProps {
  /** The bucket name (see `logArchiveBucketName` in `names.ts`). */
  readonly bucketName: string;
  /** The audit key: default encryption of the bucket. */
  readonly encryptionKey: kms.IKey;
  /** Where server access logs of the archive go (DP-LOG-ALL-ACCESS); must not have Object Lock. */
  readonly serverAccessLogsBucket: s3.IBucket;
  /** ARN of the one trail that may deliver here (built from its fixed name). */
  readonly trailArn: string;
  /** Object Lock mode of every log file. */
  readonly lockMode: LockMode;
  /** Days each log file is locked. */
  readonly lockDays: number;
  /** Days each log file is kept before it expires; at least `lockDays`. */
  readonly retentionDays: number;
  /**
   * The organization whose organization trail delivers here: CloudTrail may
   * also write under `AWSLogs/<organizationId>/` (CDM-3.3-SEGREGATE).
   *
   * @default - a trail of this account only
   */
  readonly organizationId?: string;
  /**
   * The account the trail runs in: CloudTrail writes under `AWSLogs/<account>/`.
   *
   * @default - the bucket's own account
   */
  readonly trailAccount?: string;
}

/**
 * The tamper-evident archive of the audit trail's log and digest files
 * (DP-LOG-INTEGRITY, CDM-3.7-RETENTION).
 *
 * - SSE-KMS with the audit key, without Bucket Key: with it, S3 would ask KMS
 *   under the bucket's encryption context and the CloudTrail context
 *   condition of the key policy would no longer match.
 * - Versioned, with Object Lock: every file is locked for `lockDays` in the
 *   configured mode. The policy denies deleting files or versions and
 *   bypassing governance retention to every principal, so even governance
 *   mode can only be lifted by first changing the bucket policy, which raises
 *   an alarm (DP-MONITOR).
 * - The policy admits CloudTrail only as AWS documents it: `s3:GetBucketAcl`
 *   on the bucket and `s3:PutObject` on `AWSLogs/<account>/*` with
 *   `s3:x-amz-acl = bucket-owner-full-control`, both for this trail only
 *   (`aws:SourceArn`; CDK's `Trail` leaves it out, aws-cdk #15515).
 * - Lifecycle: Glacier Instant Retrieval after 90 days (still readable at
 *   once for validation), expiry after `retentionDays`; only the lifecycle
 *   removes log files.
 * - TLS 1.2 or later, Block Public Access, ACLs disabled, access logged to a
 *   separate bucket (a bucket with Object Lock cannot be a log target),
 *   retained when the stack is deleted.
 */
export class LogArchiveBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: LogArchiveBucketProps) {
    if (props.lockDays > props.retentionDays) {
      throw new Error(`LogArchiveBucket: lockDays (${props.lockDays}) must be at most retentionDays (${props.retentionDays})`);
    }
    const lockPeriod = Duration.days(props.lockDays);
    super(scope, id, {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: false,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention:
        props.lockMode === 'compliance' ? s3.ObjectLockRetention.compliance(lockPeriod) : s3.ObjectLockRetention.governance(lockPeriod),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: LOG_ARCHIVE_DEFAULTS.minimumTlsVersion,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: LOG_ARCHIVE_DEFAULTS.removalPolicy,
      lifecycleRules: [
        {
          id: 'audit-log-retention',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: LOG_ARCHIVE_DEFAULTS.transitionToGlacierAfter },
          ],
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: LOG_ARCHIVE_DEFAULTS.noncurrentVersionExpiration,
        },
      ],
    });
    // S3 refuses a bucket with Object Lock as a server access log target: say so at synth.
    this.node.addValidation({
      validate: () => {
        const target = props.serverAccessLogsBucket.node.defaultChild;
        return target instanceof s3.CfnBucket && Stack.of(target).resolve(target.objectLockEnabled) === true
          ? [`the server access log target ${props.serverAccessLogsBucket.node.path} has Object Lock, which S3 refuses for log targets`]
          : [];
      },
    });
    const account = props.trailAccount ?? Stack.of(this).account;
    const cloudtrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailAclCheck',
        principals: [cloudtrail],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucketArn],
        conditions: { StringEquals: { 'aws:SourceArn': props.trailArn } },
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailWrite',
        principals: [cloudtrail],
        actions: ['s3:PutObject'],
        resources: [this.arnForObjects(`AWSLogs/${account}/*`)],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': props.trailArn } },
      }),
    );
    if (props.organizationId !== undefined) {
      this.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'CloudTrailWriteOrganization',
          principals: [cloudtrail],
          actions: ['s3:PutObject'],
          resources: [this.arnForObjects(`AWSLogs/${props.organizationId}/*`)],
          conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': props.trailArn } },
        }),
      );
    }
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyLogDeletion',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...LOG_DELETION_ACTIONS],
        resources: [this.arnForObjects('*')],
      }),
    );
  }
}
