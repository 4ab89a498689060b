import { CfnAlias, type CfnKey } from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { ACME_BILLING as BILLING, changeRule, acmeFindings as findings, ACME_RECORDS as RECORDS, withKey } from '../../../util';

describe('CDB-S3ReplicaEncryptedWithClientKey (CDM-3.4-AT-REST, DP-MULTI-REGION)', () => {
  test('compliant: replicas are encrypted with the replica bucket’s own rotating client key', () => {
    expect(findings('S3ReplicaEncryptedWithClientKey')).toEqual([]);
  });

  test('non-compliant: SSE-KMS objects are not replicated', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ data }) =>
        changeRule(data.buckets.records, (r) => ({ ...r, sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Disabled' } } })),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: a literal key ARN that cannot be proven to be the replica bucket’s key', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ data }) =>
        changeRule(data.buckets.records, withKey('arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555')),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: the alias read at deploy time does not point at the key of the replica buckets', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ replica }) => {
        const alias = replica.key.node.findAll().find((c): c is CfnAlias => c instanceof CfnAlias) as CfnAlias;
        alias.aliasName = 'alias/precision/acme/other';
      }),
    ).toEqual([BILLING, RECORDS]);
  });

  test('non-compliant: the replica key does not rotate', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ replica }) => {
        (replica.key.node.defaultChild as CfnKey).enableKeyRotation = false;
      }),
    ).toEqual([BILLING, RECORDS]);
  });

  test('non-compliant: the destination bucket is not part of the baseline', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ data }) =>
        changeRule(data.buckets.billing, (r) => ({
          ...r,
          destination: { ...(r.destination as s3.CfnBucket.ReplicationDestinationProperty), bucket: 'arn:aws:s3:::somebody-elses-bucket' },
        })),
      ),
    ).toEqual([BILLING]);
  });
});
