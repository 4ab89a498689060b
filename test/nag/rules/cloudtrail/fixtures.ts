/** Shared setup of the CloudTrail rule tests: the baseline's audit set-up (key, archive, trail) and plain trails to break. */
import { type App, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { AuditKey, AuditTrail, type AuditTrailProps, LogArchiveBucket, type LogArchiveBucketProps } from '../../../../lib/constructs/audit';
import { AccessLogBucket, ClientDataBucket, ClientKey } from '../../../../lib/constructs/data';

export const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/test-audit';
export const LOG_GROUP = '/test/audit/cloudtrail';

export interface AuditOptions {
  readonly archive?: Partial<LogArchiveBucketProps>;
  readonly trail?: Partial<AuditTrailProps>;
}

/** The audit set-up of the baseline, in the test stack: key, archive, trail. */
export function buildAudit(stack: Stack, options: AuditOptions = {}) {
  const key = new AuditKey(stack, 'AuditKey', {
    alias: 'alias/test/audit',
    trailArn: TRAIL_ARN,
    logGroupArn: `arn:aws:logs:eu-west-1:111111111111:log-group:${LOG_GROUP}`,
  });
  const accessLogs = new AccessLogBucket(stack, 'ArchiveAccessLogs', { bucketName: '111111111111-test-audit-eu-west-1-s3logs' });
  const archive = new LogArchiveBucket(stack, 'LogArchive', {
    bucketName: '111111111111-test-audit-eu-west-1',
    encryptionKey: key,
    serverAccessLogsBucket: accessLogs,
    trailArn: TRAIL_ARN,
    lockMode: 'governance',
    lockDays: 365,
    retentionDays: 2557,
    ...options.archive,
  });
  const trail = new AuditTrail(stack, 'AuditTrail', {
    trailName: 'test-audit',
    archive,
    encryptionKey: key,
    logGroupName: LOG_GROUP,
    logRetention: logs.RetentionDays.ONE_YEAR,
    dataEventBucketArnPrefixes: ['arn:aws:s3:::test-'],
    ...options.trail,
  });
  return { key, archive, trail };
}

/** A client dataset bucket in its own stack (account, region) of the same app. */
export function clientBucket(
  stack: Stack,
  id: string,
  bucketName: string | undefined,
  env = { account: '111111111111', region: 'eu-central-1' },
) {
  const other = new Stack(stack.node.root as App, `Client-${id}`, { env });
  const key = new ClientKey(other, 'Key', { clientId: 'acme', alias: 'alias/test/acme/data' });
  const logsBucket = new AccessLogBucket(other, 'Logs', { bucketName: `test-acme-${env.account}-${env.region}-s3logs` });
  return new ClientDataBucket(other, 'Records', {
    bucketName: bucketName as string,
    clientId: 'acme',
    dataset: 'records',
    classification: 'phi',
    tier: 'critical',
    encryptionKey: key,
    serverAccessLogsBucket: logsBucket,
  });
}

/** A plain trail for the cases that change one property. */
export function plainTrail(stack: Stack, props: Partial<cloudtrail.CfnTrailProps>) {
  return new cloudtrail.CfnTrail(stack, 'Trail', {
    isLogging: true,
    s3BucketName: 'some-bucket',
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    ...props,
  });
}
