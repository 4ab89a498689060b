import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { type AuditOptions, buildAudit, plainTrail } from './fixtures';
import { packFindings } from '../../../util';

describe('CDB-CloudTrailArchiveRetained', () => {
  const findings = (options: AuditOptions) => packFindings('CDB-CloudTrailArchiveRetained', (stack) => buildAudit(stack, options));
  test('refuses an archive that is destroyed with its stack', () => {
    expect(
      packFindings('CDB-CloudTrailArchiveRetained', (stack) => {
        const { archive } = buildAudit(stack);
        archive.applyRemovalPolicy(RemovalPolicy.DESTROY);
      }),
    ).toEqual(['CDB-CloudTrailArchiveRetained Test/LogArchive/Resource']);
  });
  test('refuses an archive without an expiry schedule', () => {
    expect(
      packFindings('CDB-CloudTrailArchiveRetained', (stack) => {
        const bucket = new s3.Bucket(stack, 'Archive', { removalPolicy: RemovalPolicy.RETAIN, versioned: true });
        plainTrail(stack, { s3BucketName: bucket.bucketName });
      }),
    ).toEqual(['CDB-CloudTrailArchiveRetained Test/Archive/Resource']);
  });
  test('refuses an archive that expires log files while they are locked', () => {
    expect(
      packFindings('CDB-CloudTrailArchiveRetained', (stack) => {
        const bucket = new s3.Bucket(stack, 'Archive', {
          removalPolicy: RemovalPolicy.RETAIN,
          versioned: true,
          objectLockEnabled: true,
          objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(400)),
          lifecycleRules: [{ expiration: Duration.days(365) }],
        });
        plainTrail(stack, { s3BucketName: bucket.bucketName });
      }),
    ).toEqual(['CDB-CloudTrailArchiveRetained Test/Archive/Resource']);
  });
  test('accepts a compliance-mode archive kept as long as it is locked', () => {
    expect(findings({ archive: { lockMode: 'compliance', lockDays: 730, retentionDays: 730 } })).toEqual([]);
  });
});
