import * as iam from 'aws-cdk-lib/aws-iam';
import { packFindings } from '../../../util';

describe('deploy-time limit rules', () => {
  test('IamTrustPolicySize: a trust policy over 2,048 characters fails', () => {
    expect(
      packFindings('CDB-IamTrustPolicySize', (stack) => void new iam.Role(stack, 'Small', { assumedBy: new iam.AccountRootPrincipal() })),
    ).toEqual([]);
    const findings = packFindings('CDB-IamTrustPolicySize', (stack) => {
      const principals = Array.from({ length: 60 }, (_, i) => new iam.ArnPrincipal(`arn:aws:iam::111111111111:role/operator-${i}`));
      new iam.Role(stack, 'Big', { assumedBy: new iam.CompositePrincipal(...principals) });
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-IamTrustPolicySize\[\d+ characters, limit 2048\] Test\/Big\/Resource$/)]);
  });
});
