import * as s3 from 'aws-cdk-lib/aws-s3';
import { AWS_LIMITS } from '../../../../lib/internal';
import { packFindings } from '../../../util';
import { bigStatement } from './fixtures';

describe('deploy-time limit rules', () => {
  test('S3BucketPolicySize: a normal policy passes, one over 20 KB fails with its size and the limit', () => {
    expect(
      packFindings('CDB-S3BucketPolicySize', (stack) => {
        new s3.Bucket(stack, 'Small', { enforceSSL: true });
      }),
    ).toEqual([]);
    const findings = packFindings('CDB-S3BucketPolicySize', (stack) => {
      const bucket = new s3.Bucket(stack, 'Big');
      bucket.addToResourcePolicy(bigStatement('Big', AWS_LIMITS.s3BucketPolicyBytes));
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^CDB-S3BucketPolicySize\[\d+ bytes, limit 20480\] Test\/Big\/Policy\/Resource$/);
    expect(Number(/\[(\d+) bytes/.exec(findings[0])![1])).toBeGreaterThan(20480);
  });
});
