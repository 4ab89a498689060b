import * as iam from 'aws-cdk-lib/aws-iam';
import { AWS_LIMITS } from '../../../../lib/internal';
import { packFindings } from '../../../util';
import { bigStatement } from './fixtures';

describe('deploy-time limit rules', () => {
  test('IamManagedPolicySize: 6,144 characters without whitespace', () => {
    expect(
      packFindings('CDB-IamManagedPolicySize', (stack) => {
        new iam.ManagedPolicy(stack, 'Small', {
          statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
        });
      }),
    ).toEqual([]);
    const findings = packFindings('CDB-IamManagedPolicySize', (stack) => {
      const statement = bigStatement('Big', AWS_LIMITS.iamManagedPolicyChars);
      new iam.ManagedPolicy(stack, 'Big', {
        statements: [new iam.PolicyStatement({ actions: statement.actions, resources: statement.resources })],
      });
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-IamManagedPolicySize\[\d+ characters, limit 6144\] Test\/Big\/Resource$/)]);
  });
});
