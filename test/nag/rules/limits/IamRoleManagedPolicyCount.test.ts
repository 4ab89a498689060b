import { type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { packFindings } from '../../../util';

describe('deploy-time limit rules', () => {
  test('IamRoleManagedPolicyCount: more than 10 managed policies on a role fails', () => {
    const build = (n: number) => (stack: Stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      for (let i = 0; i < n; i += 1) {
        new iam.ManagedPolicy(stack, `P${i}`, {
          roles: [role],
          statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::b${i}/*`] })],
        });
      }
    };
    expect(packFindings('CDB-IamRoleManagedPolicyCount', build(10))).toEqual([]);
    expect(packFindings('CDB-IamRoleManagedPolicyCount', build(11))).toEqual([
      'CDB-IamRoleManagedPolicyCount[11 managed policies, limit 10] Test/Role/Resource',
    ]);
  });
});
