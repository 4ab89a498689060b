import type { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ACCESS_LOG_BUCKET_DEFAULTS } from '../../defaults';

/** Properties of an {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /** The bucket name. */
  readonly bucketName: string;
  /**
   * How long access log objects are kept (CDM-3.7-RETENTION).
   *
   * @default ACCESS_LOG_BUCKET_DEFAULTS.retention (400 days)
   */
  readonly retention?: Duration;
}

/**
 * Target of S3 server access logs for one client in one region
 * (DP-LOG-ALL-ACCESS).
 *
 * One per client and region rather than one shared bucket: S3 refuses bucket
 * policies over 20 KB, and the log delivery policy gains a statement per source
 * bucket, so a shared target stops deploying at about 60 buckets. A client's
 * logs also stay in its own region (CDM-3.8-SOVEREIGNTY). S3 requires SSE-S3
 * (not SSE-KMS) on server access log targets, so this bucket uses it.
 */
export class AccessLogBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    const retention = props.retention ?? ACCESS_LOG_BUCKET_DEFAULTS.retention;
    super(scope, id, {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: ACCESS_LOG_BUCKET_DEFAULTS.minimumTlsVersion,
      removalPolicy: ACCESS_LOG_BUCKET_DEFAULTS.removalPolicy,
      lifecycleRules: [
        {
          id: 'access-log-retention',
          expiration: retention,
          noncurrentVersionExpiration: retention,
        },
      ],
    });
  }
}
