import { Duration, type Stack } from 'aws-cdk-lib';
import type * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import { ACCOUNT, clientBackup, clientStack, copyTo, taggedPlan } from './fixtures';
import { packFindings } from '../../../util';

describe('CDB-BackupCopyCrossRegion (BKP-3.5-OFFSITE)', () => {
  const id = 'CDB-BackupCopyCrossRegion';
  const rule = (stack: Stack, arn?: string): backup.BackupPlanRuleProps => ({
    ruleName: 'r',
    scheduleExpression: events.Schedule.expression('cron(0 3 * * ? *)'),
    deleteAfter: Duration.days(30),
    copyActions: arn === undefined ? undefined : copyTo(stack, arn, 30),
  });

  test('compliant: every rule copies to an allowed other region', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        clientBackup(stack, ['critical', 'important']);
      }),
    ).toEqual([]);
  });

  test('non-compliant 1: a rule without a copy', () => {
    expect(packFindings(id, (stack) => void taggedPlan(stack, 'critical', rule(stack)))).toEqual([`${id} Test/Plan-critical/Resource`]);
  });

  test('non-compliant 2: a copy in the same region', () => {
    expect(
      packFindings(id, (stack) => void taggedPlan(stack, 'critical', rule(stack, `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:v2`))),
    ).toEqual([`${id} Test/Plan-critical/Resource`]);
  });

  test('non-compliant 3: a copy to a region outside the client’s allowed regions', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        taggedPlan(stack, 'critical', rule(stack, `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:v`));
      }),
    ).toEqual([`${id} Test/Plan-critical/Resource`]);
  });
});
