/**
 * A CronJob's schedule: five fields (minute, hour, day of the month, month,
 * day of the week), as Kubernetes reads them. Macros (@daily), seconds and a
 * time zone inside the schedule are not used: the platform sets the time
 * zone (the CronJob's timeZone).
 */

/** The schedule the form offers first and a product gets when it names none. */
export const DEFAULT_DBT_SCHEDULE = '0 6 * * *';

/**
 * Five fields of cron characters separated by single spaces, for the
 * schema (Go's RE2 and JavaScript read it alike); cronProblem checks each
 * field's values.
 */
export const CRON_PATTERN = '^[-0-9A-Za-z*/,]+( [-0-9A-Za-z*/,]+){4}$';

/** Longest schedule accepted: far beyond any sensible one. */
export const CRON_MAX_LENGTH = 100;

type CronField = {
  name: string;
  min: number;
  max: number;
  /** Names a value may be given by (JAN, MON), the first for `min`. */
  names?: string[];
};

const MONTHS = 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ');
const WEEKDAYS = 'SUN MON TUE WED THU FRI SAT'.split(' ');

const FIELDS: CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of the month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // Sunday is 0 only: Kubernetes refuses the 7 other crons take for it.
  { name: 'day of the week', min: 0, max: 6, names: WEEKDAYS },
];

const EXAMPLE =
  'for example "0 6 * * *" for every day at 06:00, or "30 7 * * 1-5" for 07:30 on Mondays to Fridays';

function valueOf(text: string, field: CronField): number | undefined {
  if (/^[0-9]{1,2}$/.test(text)) {
    return Number(text);
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? field.min + index : undefined;
}

/** What is wrong with one comma-separated item of a field, if anything. */
function itemProblem(item: string, field: CronField): string | undefined {
  const [range, step, ...extra] = item.split('/');
  if (extra.length > 0 || range === '') {
    return `"${item}" is not a ${field.name}`;
  }
  if (step !== undefined && !/^[1-9][0-9]{0,1}$/.test(step)) {
    return `"/${step}" in the ${field.name} must be a whole number from 1 to 99`;
  }
  if (range === '*') {
    return undefined;
  }
  const [from, to, ...more] = range.split('-');
  const low = valueOf(from, field);
  const high = to === undefined ? low : valueOf(to, field);
  if (more.length > 0 || low === undefined || high === undefined) {
    return `"${item}" is not a ${field.name}`;
  }
  if (low < field.min || high > field.max || low > high) {
    return `the ${field.name} must be from ${field.min} to ${field.max}${
      field.names
        ? ` (or ${field.names[0]} to ${field.names[field.names.length - 1]})`
        : ''
    }, not "${range}"${low > high ? ', and a range must not wrap around' : ''}`;
  }
  return undefined;
}

/**
 * What is wrong with a schedule, in words an analyst can act on, or
 * undefined when Kubernetes will run it.
 */
export function cronProblem(schedule: unknown): string | undefined {
  if (typeof schedule !== 'string' || schedule.trim() === '') {
    return `Say when the dbt project runs as a schedule of five fields, ${EXAMPLE}.`;
  }
  if (schedule.length > CRON_MAX_LENGTH) {
    return `The schedule is ${schedule.length} characters long: use at most ${CRON_MAX_LENGTH}, ${EXAMPLE}.`;
  }
  if (!new RegExp(CRON_PATTERN).test(schedule)) {
    return `The schedule "${schedule}" is not five fields (minute, hour, day of the month, month, day of the week) separated by single spaces: write it ${EXAMPLE}.`;
  }
  const fields = schedule.split(' ');
  for (const [index, text] of fields.entries()) {
    for (const item of text.split(',')) {
      const problem = itemProblem(item, FIELDS[index]);
      if (problem) {
        return `The schedule "${schedule}" cannot run: ${problem}. Write it ${EXAMPLE}.`;
      }
    }
  }
  return undefined;
}

const pad = (value: string) => value.padStart(2, '0');
const isNumber = (value: string) => /^[0-9]{1,2}$/.test(value);
const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

function dayName(value: string): string | undefined {
  const day = valueOf(value, FIELDS[4]);
  return day === undefined ? undefined : DAY_NAMES[day];
}

/**
 * A schedule in words, for the card and the form's choices: "every day at
 * 06:00". Shapes it does not know are quoted as they are.
 */
export function describeSchedule(schedule: string, timeZone?: string): string {
  const zone = timeZone ? ` (${timeZone})` : '';
  const [minute, hour, day, month, weekday] = schedule.split(' ');
  const at =
    isNumber(minute) && isNumber(hour)
      ? `${pad(hour)}:${pad(minute)}`
      : undefined;
  const everyMonth = month === '*';
  if (schedule.split(' ').length === 5 && everyMonth) {
    if (at && day === '*' && weekday === '*') {
      return `every day at ${at}${zone}`;
    }
    if (at && day === '*' && /^(1-5|MON-FRI)$/i.test(weekday)) {
      return `Mondays to Fridays at ${at}${zone}`;
    }
    if (at && day === '*' && dayName(weekday)) {
      return `every ${dayName(weekday)} at ${at}${zone}`;
    }
    if (at && isNumber(day) && weekday === '*') {
      return `on day ${Number(day)} of every month at ${at}${zone}`;
    }
    if (isNumber(minute) && hour === '*' && day === '*' && weekday === '*') {
      return minute === '0'
        ? 'every hour, on the hour'
        : `every hour at ${Number(minute)} minutes past`;
    }
    const everyMinutes = /^\*\/([0-9]+)$/.exec(minute);
    if (everyMinutes && hour === '*' && day === '*' && weekday === '*') {
      return `every ${Number(everyMinutes[1])} minutes`;
    }
  }
  return `on the schedule "${schedule}"${zone}`;
}
