/**
 * AWS cron syntax (EventBridge, AWS Backup): `cron(minutes hours
 * day-of-month month day-of-week year)`, checked field by field with AWS's
 * rules, so that a schedule AWS would refuse at deploy is refused here with
 * the field that is wrong.
 *
 * | Field | Values | Wildcards |
 * |---|---|---|
 * | minutes | 0-59 | , - * / |
 * | hours | 0-23 | , - * / |
 * | day-of-month | 1-31 | , - * ? / L W |
 * | month | 1-12 or JAN-DEC | , - * / |
 * | day-of-week | 1-7 or SUN-SAT (1 is Sunday) | , - * ? L # |
 * | year | 1970-2199 | , - * / |
 *
 * `?` stands in exactly one of day-of-month and day-of-week. `L` (last), `W`
 * (nearest weekday: `15W`, `LW`) and `#` (`3#2`: the second Tuesday, instance
 * 1 to 5) stand alone in their field. Names are case-insensitive. A range runs
 * from its start up to its end (no wrap-around); a step `/n` is 1 or more.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions
 */

/** The six fields, in order, as AWS names them. */
export const CRON_FIELDS = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;
export type CronField = (typeof CRON_FIELDS)[number];

/** One problem with a cron expression: the field (or fields) and what AWS allows there. */
export interface CronProblem {
  /** The field, or `day-of-month and day-of-week` for the `?` rule, or `expression`. */
  readonly field: string;
  readonly message: string;
}

interface FieldRule {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly step: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const RULES: Readonly<Record<CronField, FieldRule>> = {
  minutes: { min: 0, max: 59, step: true },
  hours: { min: 0, max: 23, step: true },
  'day-of-month': { min: 1, max: 31, step: true },
  month: { min: 1, max: 12, names: MONTHS, step: true },
  'day-of-week': { min: 1, max: 7, names: DAYS, step: false },
  year: { min: 1970, max: 2199, step: true },
};

const CRON = /^cron\((.*)\)$/s;

/** A piece of the expression, quoted and escaped, for a message. */
const q = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);

function allowedText(field: CronField): string {
  const rule = RULES[field];
  const names = rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : '';
  const extra: Record<CronField, string> = {
    minutes: ', - * /',
    hours: ', - * /',
    'day-of-month': ', - * ? / L W',
    month: ', - * /',
    'day-of-week': ', - * ? L #',
    year: ', - * /',
  };
  return `${rule.min}-${rule.max}${names} with ${extra[field]}`;
}

/** A single value of a field (a number or a name), or a message. */
function value(field: CronField, text: string): number | string {
  const rule = RULES[field];
  const named = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + rule.min;
  if (!/^\d+$/.test(text)) return `${q(text)} is not a value of ${field} (allowed: ${allowedText(field)})`;
  const n = Number(text);
  if (n < rule.min || n > rule.max) return `${n} is outside ${rule.min}-${rule.max}`;
  return n;
}

/** Problems of one item of a list (`5`, `1-5`, `*`, `0/15`, `10-40/5`). */
function itemProblems(field: CronField, item: string): string[] {
  const rule = RULES[field];
  const [base, step, ...more] = item.split('/');
  const problems: string[] = [];
  if (more.length > 0) return [`${q(item)} has more than one "/"`];
  if (step !== undefined) {
    if (!rule.step) return [`"/" is not allowed in ${field} (allowed: ${allowedText(field)})`];
    if (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > rule.max - rule.min + 1) {
      problems.push(`the step of ${q(item)} must be a whole number from 1 to ${rule.max - rule.min + 1}`);
    }
  }
  if (base === '*') return problems;
  const range = base.split('-');
  if (range.length > 2 || range.some((part) => part === ''))
    return [...problems, `${q(base)} is not a value or a range "start-end" (allowed: ${allowedText(field)})`];
  const values = range.map((part) => value(field, part));
  problems.push(...values.filter((v): v is string => typeof v === 'string'));
  if (values.length === 2 && typeof values[0] === 'number' && typeof values[1] === 'number' && values[0] > values[1]) {
    problems.push(`the range ${q(base)} starts after it ends (${values[0]} > ${values[1]}); AWS ranges do not wrap around`);
  }
  return problems;
}

/** Problems of one field. */
function fieldProblems(field: CronField, text: string): string[] {
  if (text === '?')
    return field === 'day-of-month' || field === 'day-of-week' ? [] : [`"?" is allowed only in day-of-month or day-of-week`];
  if (field === 'day-of-month' && /[LW]/i.test(text)) {
    if (/^L$|^LW$/i.test(text)) return [];
    const weekday = /^(\d+)W$/i.exec(text);
    if (weekday === null) return [`${q(text)}: L and W stand alone in day-of-month ("L", "LW" or a day with W such as "15W")`];
    const day = value(field, weekday[1]);
    return typeof day === 'string' ? [day] : [];
  }
  if (field === 'day-of-week' && /[L#]/i.test(text)) {
    if (/^L$/i.test(text)) return [];
    const last = /^(\w+)L$/i.exec(text);
    const nth = /^(\w+)#(\d+)$/.exec(text);
    if (last === null && nth === null) {
      return [`${q(text)}: L and # stand alone in day-of-week ("L", a day with L such as "6L", or a day#instance such as "3#2")`];
    }
    const day = value(field, (last ?? nth)![1]);
    const problems = typeof day === 'string' ? [day] : [];
    if (nth !== null && (Number(nth[2]) < 1 || Number(nth[2]) > 5)) {
      problems.push(`the instance after "#" in ${q(text)} must be 1 to 5 (a month has at most five of each weekday)`);
    }
    return problems;
  }
  if (text.includes('?')) return [`"?" must stand alone in its field`];
  return text.split(',').flatMap((item) => (item === '' ? [`${q(text)} has an empty item in its list`] : itemProblems(field, item)));
}

/**
 * Every problem of an AWS cron schedule, field by field.
 *
 * @param expression e.g. `cron(0 3 ? * MON-FRI *)`
 * @returns the problems; empty for a valid expression
 */
export function cronProblems(expression: string): CronProblem[] {
  const match = CRON.exec(expression);
  if (match === null) {
    return [
      { field: 'expression', message: 'expected "cron(minutes hours day-of-month month day-of-week year)", e.g. "cron(0 3 ? * * *)"' },
    ];
  }
  const fields = match[1].split(' ');
  if (fields.length !== CRON_FIELDS.length || fields.some((f) => f === '')) {
    return [
      {
        field: 'expression',
        message: `expected 6 fields separated by single spaces (minutes hours day-of-month month day-of-week year), found ${match[1].trim() === '' ? 0 : match[1].trim().split(/\s+/).length}`,
      },
    ];
  }
  const problems: CronProblem[] = CRON_FIELDS.flatMap((field, i) => fieldProblems(field, fields[i]).map((message) => ({ field, message })));
  const [dayOfMonth, dayOfWeek] = [fields[2], fields[4]];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    problems.push({
      field: 'day-of-month and day-of-week',
      message:
        dayOfMonth === '?'
          ? 'both are "?"; AWS requires "?" in exactly one of them, and a value or "*" in the other'
          : `AWS requires "?" in exactly one of them (received ${q(dayOfMonth)} and ${q(dayOfWeek)}), e.g. "cron(0 3 ? * * *)" or "cron(0 3 * * ? *)"`,
    });
  }
  return problems;
}
