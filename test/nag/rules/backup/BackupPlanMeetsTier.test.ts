import { Duration, type Stack } from 'aws-cdk-lib';
import type * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import { clientBackup, COPY_VAULT, copyTo, taggedPlan } from './fixtures';
import { packFindings } from '../../../util';

describe('CDB-BackupPlanMeetsTier (BKP-3.1, BKP-3.2, BKP-4.1)', () => {
  const id = 'CDB-BackupPlanMeetsTier';
  const plan = (stack: Stack, tier: string, schedule: string, days: number, extra: Partial<backup.BackupPlanRuleProps> = {}) =>
    void taggedPlan(stack, tier, {
      ruleName: 'r',
      scheduleExpression: events.Schedule.expression(schedule),
      startWindow: Duration.hours(1),
      deleteAfter: Duration.days(days),
      copyActions: copyTo(stack, COPY_VAULT, days),
      ...extra,
    });

  test('compliant: the baseline’s plans, and a plan on the tier’s floor', () => {
    expect(
      packFindings(id, (stack) => {
        clientBackup(stack, ['critical', 'important', 'non-essential']);
        plan(stack, 'non-essential', 'cron(0 3 1,15 * ? *)', 180);
      }),
    ).toEqual([]);
  });

  test('non-compliant 1: a calendar-monthly schedule against the 30-day RPO (31-day gap)', () => {
    expect(packFindings(id, (stack) => plan(stack, 'non-essential', 'cron(0 3 1 * ? *)', 180))).toEqual([
      `${id} Test/Plan-non-essential/Resource`,
    ]);
  });

  test('non-compliant 2: a weekly schedule with the default 8-hour start window against the 7-day RPO', () => {
    expect(packFindings(id, (stack) => plan(stack, 'important', 'cron(0 3 ? * SUN *)', 90, { startWindow: undefined }))).toEqual([
      `${id} Test/Plan-important/Resource`,
    ]);
  });

  test('non-compliant 3: retention under the tier’s', () => {
    expect(packFindings(id, (stack) => plan(stack, 'important', 'cron(0 3 ? * SUN,WED *)', 60))).toEqual([
      `${id} Test/Plan-important/Resource`,
    ]);
  });

  test('non-compliant 4: a copy kept shorter than the tier’s retention', () => {
    expect(
      packFindings(id, (stack) => plan(stack, 'critical', 'cron(0 3 * * ? *)', 30, { copyActions: copyTo(stack, COPY_VAULT, 7) })),
    ).toEqual([`${id} Test/Plan-critical/Resource`]);
  });

  test('non-compliant 5: cold storage with less than 90 days left', () => {
    expect(
      packFindings(id, (stack) =>
        plan(stack, 'non-essential', 'cron(0 3 1,15 * ? *)', 180, { moveToColdStorageAfter: Duration.days(120) }),
      ),
    ).toEqual([`${id} Test/Plan-non-essential/Resource`]);
  });

  test('non-compliant 6: an unknown tier', () => {
    expect(packFindings(id, (stack) => plan(stack, 'gold', 'cron(0 3 * * ? *)', 30))).toEqual([`${id} Test/Plan-gold/Resource`]);
  });
});
