import { type Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ClientKey } from '../../../../lib/constructs/data';
import { clientFindings, clientStore, plainDataset } from '../../../util';

describe('CDB-S3ClientKeyUploadsEnforced', () => {
  const rule = 'CDB-S3ClientKeyUploadsEnforced';
  const kmsBucket = (s: Stack) =>
    plainDataset(s, {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: new ClientKey(s, 'Key', { clientId: 'acme', alias: 'alias/k' }),
    });
  test('compliant: both upload denies', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: no upload deny at all', () => {
    expect(clientFindings(rule, kmsBucket)).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 2: the algorithm is enforced but not the key', () => {
    const findings = clientFindings(rule, (s) => {
      const bucket = kmsBucket(s);
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects('*')],
          conditions: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        }),
      );
    });
    expect(findings).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 3: S3-managed encryption (no key to enforce)', () => {
    expect(clientFindings(rule, (s) => plainDataset(s, { encryption: s3.BucketEncryption.S3_MANAGED }))).toEqual([
      `${rule} Test/Plain/Resource`,
    ]);
  });
});
