import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { LOG_ARCHIVE_DEFAULTS } from '../../defaults';
import { auditSettings, type BaselineConfig } from '../../model';
import { configHistoryBucketName } from '../../detection/names';
import { detectionEnvironments } from '../../detection/environments';
import { DETECTION_DEFAULTS } from '../../detection/settings';

/** Properties of a {@link ConfigHistoryBucket}. */
export interface ConfigHistoryBucketProps {
  /** The bucket name (see `configHistoryBucketName`). */
  readonly bucketName: string;
  /** The audit key, default encryption of the bucket. */
  readonly encryptionKey: kms.IKey;
  /** Where its server access logs go. */
  readonly serverAccessLogsBucket: s3.IBucket;
  /** Key prefix Config delivers under (without `AWSLogs/`). */
  readonly keyPrefix: string;
  /** Accounts whose Config delivers here (every account with client data). */
  readonly accounts: readonly string[];
  /** Days a configuration file is kept. */
  readonly retentionDays: number;
}

/**
 * Where AWS Config of every account and region with client data delivers
 * its configuration history and snapshots (DP-POSTURE, CDM-5.1-AUDIT), in the
 * provider's account and home region beside the log archive. Config does
 * not deliver to Object Lock buckets, so this bucket is not locked; its
 * policy instead denies deleting files to everyone (only the lifecycle
 * expires them), and admits Config as AWS documents it: `s3:GetBucketAcl`
 * and `s3:ListBucket` on the bucket and `s3:PutObject` under
 * `<prefix>/AWSLogs/<account>/Config/` with `bucket-owner-full-control`, for
 * the listed accounts only (`aws:SourceAccount`). Encrypted with the audit
 * key, versioned, TLS 1.2, Block Public Access, retained.
 */
export class ConfigHistoryBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: ConfigHistoryBucketProps) {
    super(scope, id, {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: LOG_ARCHIVE_DEFAULTS.minimumTlsVersion,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: 'config/',
      removalPolicy: LOG_ARCHIVE_DEFAULTS.removalPolicy,
      lifecycleRules: [
        {
          id: 'config-history-retention',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: LOG_ARCHIVE_DEFAULTS.noncurrentVersionExpiration,
        },
      ],
    });
    const accounts = [...new Set(props.accounts)].sort();
    const config = new iam.ServicePrincipal('config.amazonaws.com');
    const fromAccounts = { StringEquals: { 'aws:SourceAccount': accounts } };
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigAclCheckAndList',
        principals: [config],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucketArn],
        conditions: fromAccounts,
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigDelivery',
        principals: [config],
        actions: ['s3:PutObject'],
        resources: accounts.map((account) => this.arnForObjects(`${props.keyPrefix}/AWSLogs/${account}/Config/*`)),
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': accounts } },
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyConfigHistoryDeletion',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.arnForObjects('*')],
      }),
    );
  }
}

/**
 * Lets AWS Config of the given accounts encrypt its deliveries with the
 * audit key (the configuration history bucket's default encryption), only
 * through S3 in the bucket's region.
 */
export function admitConfigDelivery(key: kms.IKey, accounts: readonly string[], region: string): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'ConfigDeliveryEncrypt',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': [...new Set(accounts)].sort(), 'kms:ViaService': `s3.${region}.amazonaws.com` } },
    }),
  );
}

/**
 * The configuration history bucket of a configuration, beside its log
 * archive (the audit stack's, or the log archive stack's in the log archive
 * account): named by `configHistoryBucketName`, encrypted with the
 * archive's key, logging to the archive's access log bucket, admitting
 * Config of every account with client data, kept as long as the archive.
 */
export function addConfigHistory(
  scope: Construct,
  config: BaselineConfig,
  key: kms.IKey,
  serverAccessLogsBucket: s3.IBucket,
): ConfigHistoryBucket {
  const { provider } = config;
  const accounts = [...new Set(detectionEnvironments(config).map((e) => e.account))];
  const bucket = new ConfigHistoryBucket(scope, 'ConfigHistory', {
    bucketName: configHistoryBucketName(provider),
    encryptionKey: key,
    serverAccessLogsBucket,
    keyPrefix: DETECTION_DEFAULTS.configKeyPrefix,
    accounts,
    retentionDays: auditSettings(provider).archive.retentionDays,
  });
  admitConfigDelivery(key, accounts, provider.homeRegion);
  return bucket;
}
