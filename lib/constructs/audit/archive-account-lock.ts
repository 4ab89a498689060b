import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * What no principal from outside the log archive account may do to the
 * archive: delete it or its files, change its lock, lifecycle, versioning or
 * policy (DP-LOG-INTEGRITY, full form). Its own account's IAM decides within
 * that account; the provider's operators, in other accounts, get none of it.
 */
export const ARCHIVE_ADMINISTRATION_ACTIONS = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:BypassGovernanceRetention',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
] as const;

/**
 * Denies {@link ARCHIVE_ADMINISTRATION_ACTIONS} on an archive bucket and its
 * objects to every principal whose account is not the archive's own
 * (`aws:PrincipalAccount`); AWS services acting on their own (CloudTrail's
 * delivery) are not concerned, they only write.
 *
 * @param bucket the archive (a `LogArchiveBucket` in the log archive account)
 * @param archiveAccount the log archive account
 */
export function denyArchiveAdministrationOutside(bucket: s3.IBucket, archiveAccount: string): void {
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyArchiveAdministrationOutsideItsAccount',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...ARCHIVE_ADMINISTRATION_ACTIONS],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: {
        StringNotEquals: { 'aws:PrincipalAccount': archiveAccount },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
  );
}
