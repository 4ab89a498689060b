import * as kms from 'aws-cdk-lib/aws-kms';
import { RemovalPolicy } from 'aws-cdk-lib';
import { packFindings } from '../../../util';
import { plainTrail } from './fixtures';

describe('CDB-CloudTrailEncryptedWithCmk', () => {
  test('refuses a trail without a key (SSE-S3)', () => {
    expect(packFindings('CDB-CloudTrailEncryptedWithCmk', (stack) => plainTrail(stack, {}))).toEqual([
      'CDB-CloudTrailEncryptedWithCmk Test/Trail',
    ]);
  });
  test('refuses a key that does not rotate', () => {
    expect(
      packFindings('CDB-CloudTrailEncryptedWithCmk', (stack) => {
        const key = new kms.Key(stack, 'Key', { enableKeyRotation: false, removalPolicy: RemovalPolicy.RETAIN });
        plainTrail(stack, { kmsKeyId: key.keyArn });
      }),
    ).toEqual(['CDB-CloudTrailEncryptedWithCmk Test/Trail']);
  });
  test('refuses the AWS-managed alias', () => {
    expect(packFindings('CDB-CloudTrailEncryptedWithCmk', (stack) => plainTrail(stack, { kmsKeyId: 'alias/aws/cloudtrail' }))).toEqual([
      'CDB-CloudTrailEncryptedWithCmk Test/Trail',
    ]);
  });
});
