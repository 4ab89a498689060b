/**
 * AWS cron schedules measured: the longest and shortest gap between two
 * consecutive runs, computed by enumerating the runs with the maintained
 * `aws-cron-parser` over a full 28-year Gregorian weekday cycle (every
 * month length, leap year and weekday alignment occurs), in UTC, the time
 * zone of AWS Backup schedules (BKP-4.1-RPO).
 */
import awsCronParser from 'aws-cron-parser';
import { cronProblems } from './cron';

/** What a schedule's runs look like. */
export interface ScheduleGaps {
  /** Longest time between two consecutive runs, in hours. */
  readonly longestHours: number;
  /** Shortest time between two consecutive runs, in hours. */
  readonly shortestHours: number;
}

/** Why a schedule cannot be measured. */
export class ScheduleError extends Error {
  constructor(
    public readonly expression: string,
    reason: string,
  ) {
    super(`schedule "${expression}" ${reason}`);
    this.name = 'ScheduleError';
  }
}

const HORIZON_START = Date.UTC(2025, 0, 1);
const HORIZON_YEARS = 28;
const HORIZON_END = Date.UTC(2025 + HORIZON_YEARS, 0, 1);
const HOUR = 3_600_000;
const CRON = /^cron\((\S+(?: \S+){5})\)$/;
const IS_NAME = /[A-Z]/i;

const cache = new Map<string, ScheduleGaps | ScheduleError>();

type Parsed = ReturnType<typeof awsCronParser.parse>;

/**
 * Whether a run the parser produced is a real run. aws-cron-parser 1.1.12
 * rolls a day of month past the month's end over into the next month (the
 * 29th of February 2025 comes out as 1 March), where AWS skips the month;
 * such runs would shorten the gaps, so they are dropped.
 */
function isRealRun(parsed: Parsed, run: Date): boolean {
  const days = parsed.daysOfMonth;
  const numericDays = days.length > 0 && days.every((d) => typeof d === 'number');
  return parsed.months.includes(run.getUTCMonth() + 1) && (!numericDays || days.includes(run.getUTCDate()));
}

/** The next real run after a time, or `null` when the schedule stops. */
function nextRun(parsed: Parsed, from: Date): Date | null {
  let run = awsCronParser.next(parsed, from);
  while (run !== null && !isRealRun(parsed, run)) run = awsCronParser.next(parsed, run);
  return run;
}

function measure(expression: string): ScheduleGaps {
  const problems = cronProblems(expression);
  if (problems.length > 0) {
    throw new ScheduleError(expression, `is not valid AWS cron: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
  const match = CRON.exec(expression)!;
  let parsed: Parsed;
  let first: Date | null;
  try {
    // Names are case-insensitive in AWS; the parser knows them in capitals.
    parsed = awsCronParser.parse(IS_NAME.test(match[1]) ? match[1].toUpperCase() : match[1]);
    first = nextRun(parsed, new Date(HORIZON_START));
  } catch {
    // A valid expression the parser cannot follow: its own message would mean nothing to the reader.
    throw new ScheduleError(
      expression,
      'is valid AWS cron, but its runs cannot be computed to check the RPO; write it with plain values, ranges and steps',
    );
  }
  if (first === null || first.getTime() >= HORIZON_END) {
    throw new ScheduleError(expression, `never runs between 2025 and ${2025 + HORIZON_YEARS}`);
  }
  let longest = 0;
  let shortest = Number.POSITIVE_INFINITY;
  let previous = first;
  while (previous.getTime() < HORIZON_END) {
    const next = nextRun(parsed, previous);
    if (next === null) {
      throw new ScheduleError(expression, `stops running after ${previous.toISOString()}`);
    }
    const gap = next.getTime() - previous.getTime();
    longest = Math.max(longest, gap);
    shortest = Math.min(shortest, gap);
    previous = next;
    if (shortest < HOUR) break; // more often than AWS Backup allows; no need to count on
  }
  return { longestHours: longest / HOUR, shortestHours: shortest / HOUR };
}

/**
 * The longest and shortest gap between consecutive runs of an AWS cron
 * schedule, e.g. `cron(0 3 1 * ? *)` (the 1st of every month): 744 h (31 days)
 * and 672 h (28 days). Results are cached per expression.
 *
 * @throws ScheduleError when the expression is not a cron schedule, cannot be
 *   parsed, or stops running within the horizon
 */
export function scheduleGaps(expression: string): ScheduleGaps {
  let result = cache.get(expression);
  if (result === undefined) {
    try {
      result = measure(expression);
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      result = error;
    }
    cache.set(expression, result);
  }
  if (result instanceof ScheduleError) throw result;
  return result;
}

/** Hours as a short human text: "36 h" or "744 h (31 d)". */
export function formatHours(hours: number): string {
  return hours >= 48 && hours % 24 === 0 ? `${hours} h (${hours / 24} d)` : `${hours} h`;
}
