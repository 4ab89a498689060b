import * as iam from 'aws-cdk-lib/aws-iam';
import { packFindings } from '../../../util';
import { humanRole } from './fixtures';

describe('CDB-IamNoStandingAdminAccess (DP-ALWAYS-OFF)', () => {
  const rule = 'CDB-IamNoStandingAdminAccess';
  const admin = new iam.PolicyStatement({ actions: ['kms:PutKeyPolicy'], resources: ['*'] });
  test('compliant: a duty role without administration', () => {
    expect(
      packFindings(rule, (s) => {
        const role = humanRole(s, 'Reader');
        role.addManagedPolicy(
          new iam.ManagedPolicy(s, 'Read', {
            statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
          }),
        );
      }),
    ).toEqual([]);
  });
  test('compliant: administration behind a trust that expires', () => {
    expect(
      packFindings(rule, (s) => {
        const role = new iam.Role(s, 'BreakGlass', {
          assumedBy: new iam.ArnPrincipal('arn:aws:iam::111111111111:role/ops').withConditions({
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            DateLessThan: { 'aws:CurrentTime': '2026-12-01T00:00:00Z' },
          }),
        });
        role.addToPolicy(admin);
      }),
    ).toEqual([]);
  });
  test('non-compliant 1: standing administration in an inline policy', () => {
    expect(packFindings(rule, (s) => humanRole(s, 'Admin').addToPolicy(admin))).toEqual([`${rule} Test/Admin/Resource`]);
  });
  test('non-compliant 2: standing administration through a managed policy (here s3:*)', () => {
    expect(
      packFindings(rule, (s) => {
        const role = humanRole(s, 'Admin');
        role.addManagedPolicy(
          new iam.ManagedPolicy(s, 'All', { statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })] }),
        );
      }),
    ).toEqual([`${rule} Test/Admin/Resource`]);
  });
});
