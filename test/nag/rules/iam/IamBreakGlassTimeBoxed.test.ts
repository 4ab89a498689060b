import { type Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BreakGlassRole } from '../../../../lib/constructs/access';
import { acme, OPS, role } from './fixtures';
import { packFindings } from '../../../util';

describe('CDB-IamBreakGlassTimeBoxed (DP-ALWAYS-OFF)', () => {
  const id = 'CDB-IamBreakGlassTimeBoxed';
  const breakGlass = (stack: Stack, expires = '2026-11-24T00:00:00Z') =>
    new BreakGlassRole(stack, 'BreakGlass', {
      scope: acme,
      roleName: 'precision-acme-break-glass',
      policyName: 'precision-acme-break-glass-access',
      principals: [OPS],
      boundary: new iam.ManagedPolicy(stack, 'Boundary', {
        statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
      }),
      approvedBy: 'jane@example.com',
      ticket: 'CHG-1234',
      expires,
      region: 'eu-west-1',
      alertTopic: new sns.Topic(stack, 'Alerts'),
    });
  test('compliant: the baseline’s break-glass role; other roles are not in scope', () => {
    expect(
      packFindings(id, (stack) => {
        breakGlass(stack);
        role(stack, 'Other', {});
      }),
    ).toEqual([]);
  });
  test('non-compliant: no time condition', () => {
    expect(
      packFindings(id, (stack) => {
        const r = role(stack, 'Forever', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
        Tags.of(r).add('duty', 'break-glass');
        Tags.of(r).add('break-glass-expires', '2026-11-24T00:00:00Z');
        Tags.of(r).add('break-glass-ticket', 'CHG-1');
        Tags.of(r).add('break-glass-approved-by', 'jane@example.com');
      }),
    ).toEqual([`${id} Test/Forever/Resource`]);
  });
  test('non-compliant: a time condition other than the recorded expiry', () => {
    expect(
      packFindings(id, (stack) => {
        const r = breakGlass(stack);
        Tags.of(r.role).add('break-glass-expires', '2026-12-24T00:00:00Z');
      }),
    ).toEqual([`${id} Test/BreakGlass/Access/Role/Resource`]);
  });
  test('non-compliant: no recorded ticket or approver', () => {
    expect(
      packFindings(id, (stack) => {
        const r = role(stack, 'Unrecorded', { DateLessThan: { 'aws:CurrentTime': '2026-11-24T00:00:00Z' } });
        Tags.of(r).add('duty', 'break-glass');
        Tags.of(r).add('break-glass-expires', '2026-11-24T00:00:00Z');
      }),
    ).toEqual([`${id} Test/Unrecorded/Resource`]);
  });
});
