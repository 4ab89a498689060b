import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogBucket } from '../../lib/constructs/data';
import { LogArchiveBucket, type LogArchiveBucketProps } from '../../lib/constructs/audit';
import { plainApp } from '../util';

function archive(stack: Stack, props: Partial<LogArchiveBucketProps> = {}) {
  return new LogArchiveBucket(stack, 'Archive', {
    bucketName: '111111111111-test-audit-eu-west-1',
    encryptionKey: new kms.Key(stack, 'Key'),
    serverAccessLogsBucket: new AccessLogBucket(stack, 'Logs', { bucketName: '111111111111-test-audit-eu-west-1-s3logs' }),
    trailArn: 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/test-audit',
    lockMode: 'governance',
    lockDays: 365,
    retentionDays: 2557,
    ...props,
  });
}

describe('LogArchiveBucket guards (DP-LOG-INTEGRITY)', () => {
  test('refuses a lock that outlasts the retention, echoing both', () => {
    const stack = new Stack(plainApp(), 'Test');
    expect(() => archive(stack, { lockDays: 400, retentionDays: 365 })).toThrow(
      'LogArchiveBucket: lockDays (400) must be at most retentionDays (365)',
    );
  });

  test('refuses a server access log target with Object Lock at synth', () => {
    const app = plainApp();
    const stack = new Stack(app, 'Test');
    const locked = new s3.Bucket(stack, 'Locked', { objectLockEnabled: true, versioned: true });
    archive(stack, { serverAccessLogsBucket: locked });
    expect(() => app.synth()).toThrow(/Test\/Locked has Object Lock, which S3 refuses for log targets/);
  });
});
