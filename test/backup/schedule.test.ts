import { FREQUENCY_HOURS, formatHours, ScheduleError, scheduleGaps, TIER_POLICIES, TIERS } from '../../lib/internal';

describe('schedule gaps (BKP-4.1-RPO)', () => {
  test.each<[string, number, number]>([
    ['cron(0 3 * * ? *)', 24, 24],
    ['cron(0 */12 * * ? *)', 12, 12],
    ['cron(0 3 ? * SUN *)', 168, 168],
    ['cron(0 3 ? * SUN,WED *)', 96, 72],
    ['cron(0 3 1,15 * ? *)', 17 * 24, 14 * 24],
    // A calendar month: 31 days after the 1st of a 31-day month, 28 after February's.
    ['cron(0 3 1 * ? *)', 31 * 24, 28 * 24],
    // The first Monday of the month drifts: up to five weeks apart.
    ['cron(0 3 ? * MON#1 *)', 35 * 24, 28 * 24],
    // The 29th skips February except in leap years: 59 days from 29 January to 29 March (aws-cron-parser alone says 31).
    ['cron(0 0 29 * ? *)', 59 * 24, 29 * 24],
  ])('%s runs at most %d h and at least %d h apart', (expression, longest, shortest) => {
    expect(scheduleGaps(expression)).toEqual({ longestHours: longest, shortestHours: shortest });
  });

  test('a schedule limited to leap days is measured across leap years (4 years apart)', () => {
    expect(scheduleGaps('cron(0 0 29 2 ? *)').longestHours).toBe(4 * 365 * 24 + 24);
  });

  test.each<[string, RegExp]>([
    ['rate(1 day)', /is not valid AWS cron: expression: expected "cron\(minutes hours day-of-month month day-of-week year\)"/],
    ['cron(0 3 * *)', /is not valid AWS cron: expression: expected 6 fields .*, found 4/],
    ['cron(0 3 1 * ? 2025-2026)', /stops running after 2026-12-01T03:00:00.000Z/],
    ['cron(0 3 1 * ? 2090)', /never runs between 2025 and 2053/],
  ])('%s is refused', (expression, message) => {
    expect(() => scheduleGaps(expression)).toThrow(ScheduleError);
    expect(() => scheduleGaps(expression)).toThrow(message);
  });

  test.each(TIERS)('the %s tier schedule runs at least as often as the policy and meets its RPO with its start window', (tier) => {
    const policy = TIER_POLICIES[tier];
    const { longestHours } = scheduleGaps(policy.schedule);
    expect(longestHours).toBeLessThanOrEqual(FREQUENCY_HOURS[policy.frequency]);
    expect(longestHours + policy.startWindowHours).toBeLessThanOrEqual(policy.rpoHours);
  });

  test('the tier table mirrors the policy (001 §3.1, §3.2, §3.3, §4.1, §4.2)', () => {
    const table = Object.fromEntries(
      TIERS.map((t) => {
        const p = TIER_POLICIES[t];
        return [t, [p.frequency, p.retentionDays, p.rpoHours, p.rtoHours, p.method]];
      }),
    );
    expect(table).toEqual({
      critical: ['daily', 30, 48, 48, 'incremental'],
      important: ['weekly', 90, 168, 72, 'incremental'],
      'non-essential': ['monthly', 180, 720, 168, 'full'],
    });
  });

  test('a calendar-monthly schedule cannot meet the 30-day RPO, the tier schedule does', () => {
    const rpo = TIER_POLICIES['non-essential'].rpoHours;
    expect(scheduleGaps('cron(0 3 1 * ? *)').longestHours).toBeGreaterThan(rpo);
    expect(scheduleGaps(TIER_POLICIES['non-essential'].schedule).longestHours).toBeLessThan(rpo);
  });

  test('hours print with days when whole days', () => {
    expect(formatHours(744)).toBe('744 h (31 d)');
    expect(formatHours(25)).toBe('25 h');
  });
});
