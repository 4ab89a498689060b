import * as s3 from 'aws-cdk-lib/aws-s3';
import { RESIDENCY_METADATA } from '../../../../lib/model';
import {
  ACME_BILLING as BILLING,
  changeRule,
  acmeFindings as findings,
  packFindings,
  ACME_RECORDS as RECORDS,
  withKey,
} from '../../../util';

describe('CDB-S3ReplicationInAllowedRegions (CDM-3.8-SOVEREIGNTY, DP-MULTI-REGION)', () => {
  test('compliant: eu-west-1 to eu-central-1, both allowed', () => {
    expect(findings('S3ReplicationInAllowedRegions')).toEqual([]);
  });

  test('non-compliant: the replica key (so the replica) is in the source region', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.records, withKey('arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555')),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: the replica is in a region the client does not allow', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.records, withKey('arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555')),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: the replica key is an alias, so its region cannot be read', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.billing, withKey('arn:aws:kms:eu-central-1:111111111111:alias/precision/acme/data')),
      ),
    ).toEqual([BILLING]);
  });

  test('non-compliant: the destination bucket lives in another region than the replica key', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.records, (r) => ({
          ...r,
          destination: {
            ...(r.destination as s3.CfnBucket.ReplicationDestinationProperty),
            bucket: 'arn:aws:s3:::precision-acme-billing-111111111111-eu-west-1',
          },
        })),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: a replicating bucket in a stack that does not record its allowed regions', () => {
    const found = packFindings('CDB-S3ReplicationInAllowedRegions', (stack) => {
      new s3.CfnBucket(stack, 'Bucket', {
        versioningConfiguration: { status: 'Enabled' },
        replicationConfiguration: {
          role: 'arn:aws:iam::111111111111:role/r',
          rules: [
            {
              status: 'Enabled',
              destination: {
                bucket: 'arn:aws:s3:::elsewhere',
                encryptionConfiguration: { replicaKmsKeyId: 'arn:aws:kms:eu-central-1:111111111111:key/k' },
              },
            },
          ],
        },
      });
    });
    expect(found).toEqual(['CDB-S3ReplicationInAllowedRegions Test/Bucket']);
  });

  test('compliant: the same bucket once its stack records the allowed regions (eu-west-1 to eu-central-1)', () => {
    const found = packFindings('CDB-S3ReplicationInAllowedRegions', (stack) => {
      stack.node.addMetadata(RESIDENCY_METADATA, ['eu-central-1', 'eu-west-1']);
      new s3.CfnBucket(stack, 'Bucket', {
        versioningConfiguration: { status: 'Enabled' },
        replicationConfiguration: {
          role: 'arn:aws:iam::111111111111:role/r',
          rules: [
            {
              status: 'Enabled',
              destination: {
                bucket: 'arn:aws:s3:::elsewhere',
                encryptionConfiguration: { replicaKmsKeyId: 'arn:aws:kms:eu-central-1:111111111111:key/k' },
              },
            },
          ],
        },
      });
    });
    expect(found).toEqual([]);
  });
});
