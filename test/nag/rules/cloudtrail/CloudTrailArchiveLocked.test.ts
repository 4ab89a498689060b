import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { packFindings } from '../../../util';
import { plainTrail } from './fixtures';

/** The archive's deletion deny, without condition. */
function denyDeletion(bucket: s3.IBucket) {
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      resources: [bucket.arnForObjects('*')],
    }),
  );
}

describe('CDB-CloudTrailArchiveLocked', () => {
  const findings = (build: (stack: Stack) => void) => packFindings('CDB-CloudTrailArchiveLocked', build);
  const destination = (stack: Stack, props: s3.BucketProps) => {
    const bucket = new s3.Bucket(stack, 'Archive', { removalPolicy: RemovalPolicy.RETAIN, ...props });
    plainTrail(stack, { s3BucketName: bucket.bucketName });
    return bucket;
  };
  test('judges only buckets a trail delivers to', () => {
    expect(findings((stack) => new s3.Bucket(stack, 'Other', { removalPolicy: RemovalPolicy.RETAIN }))).toEqual([]);
  });
  test('refuses an archive without Object Lock', () => {
    expect(
      findings((stack) => {
        denyDeletion(destination(stack, { versioned: true }));
      }),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
  test('refuses an archive whose policy does not deny deletion', () => {
    expect(
      findings((stack) =>
        destination(stack, {
          versioned: true,
          objectLockEnabled: true,
          objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
        }),
      ),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
  test('refuses a deletion deny that has a condition', () => {
    expect(
      findings((stack) => {
        const bucket = destination(stack, {
          versioned: true,
          objectLockEnabled: true,
          objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
        });
        bucket.addToResourcePolicy(
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
            resources: [bucket.arnForObjects('*')],
            conditions: { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } },
          }),
        );
      }),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
  test('refuses Object Lock without a default retention', () => {
    expect(
      findings((stack) => {
        const bucket = destination(stack, { versioned: true, objectLockEnabled: true });
        denyDeletion(bucket);
      }),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
});
