import * as kms from 'aws-cdk-lib/aws-kms';
import { AWS_LIMITS } from '../../../../lib/internal';
import { packFindings } from '../../../util';
import { bigStatement } from './fixtures';

describe('deploy-time limit rules', () => {
  test('KmsKeyPolicySize: a normal key passes, a key policy over 32 KB fails', () => {
    expect(packFindings('CDB-KmsKeyPolicySize', (stack) => void new kms.Key(stack, 'Small'))).toEqual([]);
    const findings = packFindings('CDB-KmsKeyPolicySize', (stack) => {
      const key = new kms.Key(stack, 'Big');
      key.addToResourcePolicy(bigStatement('Big', AWS_LIMITS.kmsKeyPolicyBytes, 'arn:aws:kms:eu-west-1:111111111111:key/k'));
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-KmsKeyPolicySize\[\d+ bytes, limit 32768\] Test\/Big\/Resource$/)]);
  });
});
