import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { packFindings } from '../../../util';
import { humanRole } from './fixtures';

describe('CDB-IamHumanRoleShortSession (CDM-3.2-REVIEW)', () => {
  const rule = 'CDB-IamHumanRoleShortSession';
  test('compliant: one-hour sessions (and a service role is not judged)', () => {
    expect(packFindings(rule, (s) => humanRole(s, 'Duty', { maxSessionDuration: Duration.hours(1) }))).toEqual([]);
    expect(
      packFindings(
        rule,
        (s) =>
          new iam.Role(s, 'Service', {
            assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
            maxSessionDuration: Duration.hours(12),
          }),
      ),
    ).toEqual([]);
  });
  test('non-compliant: twelve-hour sessions', () => {
    expect(packFindings(rule, (s) => humanRole(s, 'Long', { maxSessionDuration: Duration.hours(12) }))).toEqual([
      `${rule} Test/Long/Resource`,
    ]);
  });
});
