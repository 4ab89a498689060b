import * as iam from 'aws-cdk-lib/aws-iam';
import { AWS_LIMITS } from '../../../../lib/internal';
import { bigStatement } from './fixtures';
import { packFindings } from '../../../util';

describe('deploy-time limit rules', () => {
  test('IamRoleInlinePoliciesSize: the role’s own and attached inline policies count together', () => {
    const half = () => {
      const s = bigStatement('Half', AWS_LIMITS.iamRoleInlinePoliciesChars / 2);
      return new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: s.actions, resources: s.resources })] });
    };
    expect(
      packFindings('CDB-IamRoleInlinePoliciesSize', (stack) => {
        new iam.Role(stack, 'Small', { assumedBy: new iam.AccountRootPrincipal(), inlinePolicies: { one: half() } });
      }),
    ).toEqual([]);
    const findings = packFindings('CDB-IamRoleInlinePoliciesSize', (stack) => {
      const role = new iam.Role(stack, 'Big', { assumedBy: new iam.AccountRootPrincipal(), inlinePolicies: { one: half() } });
      new iam.Policy(stack, 'Attached', { document: half(), roles: [role] });
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-IamRoleInlinePoliciesSize\[\d+ characters, limit 10240\] Test\/Big\/Resource$/)]);
  });
});
