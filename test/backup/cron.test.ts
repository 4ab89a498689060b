import { cronProblems } from '../../lib/backup/cron';
import { ScheduleError, scheduleGaps } from '../../lib/backup/schedule';
import { TIER_POLICIES } from '../../lib/backup/tiers';
import { TIERS } from '../../lib/model';

const lines = (expression: string) => cronProblems(expression).map((p) => `${p.field}: ${p.message}`);

describe('AWS cron syntax, field by field', () => {
  test.each([
    'cron(0 3 ? * * *)',
    'cron(0 3 * * ? *)',
    'cron(0 */12 * * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0 0-23/6 * * ? *)',
    'cron(5,35 14 * * ? *)',
    'cron(0 3 1,15 * ? *)',
    'cron(0 3 L * ? *)',
    'cron(0 3 LW * ? *)',
    'cron(0 3 15W * ? *)',
    'cron(0 3 ? * L *)',
    'cron(0 3 ? * 6L *)',
    'cron(0 3 ? * 3#2 *)',
    'cron(0 3 ? * MON-FRI *)',
    'cron(0 3 ? * mon-fri *)',
    'cron(0 3 ? JAN-MAR,OCT * *)',
    'cron(0 3 ? * SUN-SAT 2025-2199)',
    'cron(0 3 1 */2 ? 2030/5)',
  ])('%s is valid', (expression) => {
    expect(lines(expression)).toEqual([]);
  });

  test.each<[string, string[]]>([
    ['rate(1 day)', ['expression: expected "cron(minutes hours day-of-month month day-of-week year)", e.g. "cron(0 3 ? * * *)"']],
    [
      'cron(0 3 * * ?)',
      ['expression: expected 6 fields separated by single spaces (minutes hours day-of-month month day-of-week year), found 5'],
    ],
    [
      'cron(0  3 * * ? *)',
      ['expression: expected 6 fields separated by single spaces (minutes hours day-of-month month day-of-week year), found 6'],
    ],
    [
      'cron(0 3 * * * *)',
      [
        'day-of-month and day-of-week: AWS requires "?" in exactly one of them (received "*" and "*"), e.g. "cron(0 3 ? * * *)" or "cron(0 3 * * ? *)"',
      ],
    ],
    [
      'cron(0 3 * * MON-SUN *)',
      [
        'day-of-week: the range "MON-SUN" starts after it ends (2 > 1); AWS ranges do not wrap around',
        'day-of-month and day-of-week: AWS requires "?" in exactly one of them (received "*" and "MON-SUN"), e.g. "cron(0 3 ? * * *)" or "cron(0 3 * * ? *)"',
      ],
    ],
    [
      'cron(0 3 ? * ? *)',
      ['day-of-month and day-of-week: both are "?"; AWS requires "?" in exactly one of them, and a value or "*" in the other'],
    ],
    ['cron(60 3 ? * * *)', ['minutes: 60 is outside 0-59']],
    ['cron(0 24 ? * * *)', ['hours: 24 is outside 0-23']],
    ['cron(0 3 0 * ? *)', ['day-of-month: 0 is outside 1-31']],
    ['cron(0 3 ? 13 * *)', ['month: 13 is outside 1-12']],
    ['cron(0 3 ? * 8 *)', ['day-of-week: 8 is outside 1-7']],
    ['cron(0 3 ? * * 1969)', ['year: 1969 is outside 1970-2199']],
    ['cron(0 3 ? FOO * *)', ['month: "FOO" is not a value of month (allowed: 1-12 or JAN-DEC with , - * /)']],
    ['cron(0 ? ? * * *)', ['hours: "?" is allowed only in day-of-month or day-of-week']],
    ['cron(0 3 ? * 2#6 *)', ['day-of-week: the instance after "#" in "2#6" must be 1 to 5 (a month has at most five of each weekday)']],
    ['cron(0 3 ? * 2#0 *)', ['day-of-week: the instance after "#" in "2#0" must be 1 to 5 (a month has at most five of each weekday)']],
    ['cron(0 3 ? * 9#2 *)', ['day-of-week: 9 is outside 1-7']],
    [
      'cron(0 3 ? * 1,2#2 *)',
      ['day-of-week: "1,2#2": L and # stand alone in day-of-week ("L", a day with L such as "6L", or a day#instance such as "3#2")'],
    ],
    ['cron(0 3 L-2 * ? *)', ['day-of-month: "L-2": L and W stand alone in day-of-month ("L", "LW" or a day with W such as "15W")']],
    ['cron(0 3 32W * ? *)', ['day-of-month: 32 is outside 1-31']],
    ['cron(0 3 ? * MON/2 *)', ['day-of-week: "/" is not allowed in day-of-week (allowed: 1-7 or SUN-SAT with , - * ? L #)']],
    ['cron(0/0 3 ? * * *)', ['minutes: the step of "0/0" must be a whole number from 1 to 60']],
    ['cron(0/5/5 3 ? * * *)', ['minutes: "0/5/5" has more than one "/"']],
    ['cron(1-2-3 3 ? * * *)', ['minutes: "1-2-3" is not a value or a range "start-end" (allowed: 0-59 with , - * /)']],
    ['cron(1, 3 ? * * *)', ['minutes: "1," has an empty item in its list']],
    [
      'cron(0 3 1? * * *)',
      [
        'day-of-month: "?" must stand alone in its field',
        'day-of-month and day-of-week: AWS requires "?" in exactly one of them (received "1?" and "*"), e.g. "cron(0 3 ? * * *)" or "cron(0 3 * * ? *)"',
      ],
    ],
    ['cron(0 3 ? * * 2030-2020)', ['year: the range "2030-2020" starts after it ends (2030 > 2020); AWS ranges do not wrap around']],
  ])('%s is refused, naming the field', (expression, expected) => {
    expect(lines(expression)).toEqual(expected);
  });

  test('every tier schedule of the policy is valid AWS cron', () => {
    for (const tier of TIERS) expect(lines(TIER_POLICIES[tier].schedule)).toEqual([]);
  });
});

describe('schedule gaps report syntax as syntax', () => {
  test('a malformed schedule is "not valid AWS cron" with its field, never "never runs"', () => {
    expect(() => scheduleGaps('cron(0 25 * * ? *)')).toThrow(
      'schedule "cron(0 25 * * ? *)" is not valid AWS cron: hours: 25 is outside 0-23',
    );
  });

  test("a valid schedule the parser cannot follow is refused without the parser's own message", () => {
    let error: unknown;
    try {
      scheduleGaps('cron(0 3 LW * ? *)');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    expect((error as ScheduleError).message).toBe(
      'schedule "cron(0 3 LW * ? *)" is valid AWS cron, but its runs cannot be computed to check the RPO; write it with plain values, ranges and steps',
    );
  });

  test('a valid schedule that never runs in the horizon says so', () => {
    expect(() => scheduleGaps('cron(0 3 31 2 ? *)')).toThrow('schedule "cron(0 3 31 2 ? *)" never runs between 2025 and 2053');
  });

  test('names are case-insensitive, as in AWS', () => {
    expect(scheduleGaps('cron(0 3 ? * mon-fri *)')).toEqual(scheduleGaps('cron(0 3 ? * MON-FRI *)'));
  });
});
