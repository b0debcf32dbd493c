/**
 * The follow-up rules as a form (what the inputs hold), back to rules checked by the contract's
 * own schema, and the worked examples the page shows next to them. Plain functions, no React.
 */
import { TZDate } from '@date-fns/tz';
import { FollowUpRulesSchema } from '../../../shared/contract/settings';
import {
  proposeFollowUp,
  type FollowUpEvent,
  type FollowUpRules,
} from '../../../shared/domain/followUpRules';

export interface RulesForm {
  days: number[];
  start: string;
  end: string;
  newLeadMinutes: string;
  noAnswerRetryMinutes: string;
  noAnswerMorningAt: string;
  noAnswerGiveUpAfter: string;
  busyRetryMinutes: string;
  voicemailAt: string;
  connectedDays: string;
  connectedAt: string;
}

export type RulesFormField = keyof RulesForm;

/** Dotted paths of the rules (as the contract names them) → the form's fields. */
const FIELD_OF_PATH: Record<string, RulesFormField> = {
  'workingHours.days': 'days',
  'workingHours.start': 'start',
  'workingHours.end': 'end',
  'newLead.withinMinutes': 'newLeadMinutes',
  'noAnswer.firstRetryMinutes': 'noAnswerRetryMinutes',
  'noAnswer.nextMorningAt': 'noAnswerMorningAt',
  'noAnswer.giveUpAfter': 'noAnswerGiveUpAfter',
  'busy.retryMinutes': 'busyRetryMinutes',
  'voicemail.nextWorkingDayAt': 'voicemailAt',
  'connected.inWorkingDays': 'connectedDays',
  'connected.at': 'connectedAt',
};

/** The form field a contract path names (`followUpRules.noAnswer.giveUpAfter`, `workingHours.days[0]`). */
export function formFieldOf(path: string | undefined): RulesFormField | undefined {
  if (!path) return undefined;
  const bare = path.replace(/^followUpRules\./, '').replace(/\[\d+\]$/, '');
  return FIELD_OF_PATH[bare];
}

export function toForm(rules: FollowUpRules): RulesForm {
  return {
    days: [...rules.workingHours.days],
    start: rules.workingHours.start,
    end: rules.workingHours.end,
    newLeadMinutes: String(rules.newLead.withinMinutes),
    noAnswerRetryMinutes: String(rules.noAnswer.firstRetryMinutes),
    noAnswerMorningAt: rules.noAnswer.nextMorningAt,
    noAnswerGiveUpAfter: String(rules.noAnswer.giveUpAfter),
    busyRetryMinutes: String(rules.busy.retryMinutes),
    voicemailAt: rules.voicemail.nextWorkingDayAt,
    connectedDays: String(rules.connected.inWorkingDays),
    connectedAt: rules.connected.at,
  };
}

/** A number input's text as a number; blank stays missing, so the schema says it is required. */
const number = (text: string): number | undefined =>
  text.trim() === '' ? undefined : Number(text.trim());

export type FormErrors = Partial<Record<RulesFormField, string>>;

/** The form as rules, checked by the contract's schema; or what is wrong, per field. */
export function fromForm(
  form: RulesForm,
): { rules: FollowUpRules; errors?: undefined } | { rules?: undefined; errors: FormErrors } {
  const result = FollowUpRulesSchema.safeParse({
    version: 1,
    workingHours: { days: form.days, start: form.start, end: form.end },
    newLead: { withinMinutes: number(form.newLeadMinutes) },
    noAnswer: {
      firstRetryMinutes: number(form.noAnswerRetryMinutes),
      nextMorningAt: form.noAnswerMorningAt,
      giveUpAfter: number(form.noAnswerGiveUpAfter),
    },
    busy: { retryMinutes: number(form.busyRetryMinutes) },
    voicemail: { nextWorkingDayAt: form.voicemailAt },
    connected: { inWorkingDays: number(form.connectedDays), at: form.connectedAt },
  });
  if (result.success) return { rules: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = formFieldOf(issue.path.filter((p) => typeof p === 'string').join('.'));
    if (field && !errors[field]) errors[field] = sentence(issue.message);
  }
  return { errors };
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

export const WEEKDAYS = [
  { day: 1, short: 'Mon', name: 'Monday' },
  { day: 2, short: 'Tue', name: 'Tuesday' },
  { day: 3, short: 'Wed', name: 'Wednesday' },
  { day: 4, short: 'Thu', name: 'Thursday' },
  { day: 5, short: 'Fri', name: 'Friday' },
  { day: 6, short: 'Sat', name: 'Saturday' },
  { day: 7, short: 'Sun', name: 'Sunday' },
] as const;

/** "Mon–Fri", "Mon–Thu, Sat", "every day". */
export function describeDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'every day';
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (day: number) => WEEKDAYS[day - 1]!.short;
  return runs
    .map((run) =>
      run.length >= 3 ? `${name(run[0]!)}–${name(run[run.length - 1]!)}` : run.map(name).join(', '),
    )
    .join(', ');
}

export interface RuleExample {
  /** "Friday 16:30 · no answer" */
  situation: string;
  /** "Monday 09:00", or "No follow-up". */
  outcome: string;
  /** The rules' own reason. */
  reason: string;
}

/** A week without a daylight saving change anywhere: Monday 8 June 2026 … Sunday 14 June. */
const WEEK = { year: 2026, month: 5, monday: 8 };
const pad = (n: number) => String(n).padStart(2, '0');

/** What the rules propose in a few everyday situations, on a clock in `timeZone`. */
export function ruleExamples(rules: FollowUpRules, timeZone: string): RuleExample[] {
  const at = (isoDay: number, time: string) => {
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    return new TZDate(WEEK.year, WEEK.month, WEEK.monday + isoDay - 1, hours, minutes, timeZone);
  };
  const clock = (date: TZDate) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const dayIndex = (date: TZDate) =>
    Math.round(
      (Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) -
        Date.UTC(WEEK.year, WEEK.month, WEEK.monday)) /
        86_400_000,
    );
  const when = (from: TZDate, ms: number) => {
    const date = new TZDate(ms, timeZone);
    const days = dayIndex(date);
    if (days === dayIndex(from)) return `${clock(date)} the same day`;
    const name = WEEKDAYS[((days % 7) + 7) % 7]!.name;
    return `${days >= 7 ? 'next ' : ''}${name} ${clock(date)}`;
  };
  const lastRetryHour = (() => {
    // A no-answer late in the day: one retry-interval before the end of the day.
    const [h, m] = rules.workingHours.end.split(':').map(Number) as [number, number];
    const minutes = Math.max(
      0,
      h * 60 + m - Math.max(1, Math.floor(rules.noAnswer.firstRetryMinutes / 2)),
    );
    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  })();
  const lastWorkingDay = Math.max(...rules.workingHours.days);

  const cases: { day: number; time: string; situation: string; event: FollowUpEvent }[] = [
    {
      day: 2,
      time: rules.workingHours.start,
      situation: 'no answer',
      event: { kind: 'call', disposition: 'no-answer', unanswered: 1 },
    },
    {
      day: lastWorkingDay,
      time: lastRetryHour,
      situation: 'no answer',
      event: { kind: 'call', disposition: 'no-answer', unanswered: 1 },
    },
    {
      day: 3,
      time: '14:00',
      situation: 'no answer, the second time in a row',
      event: { kind: 'call', disposition: 'no-answer', unanswered: 2 },
    },
    {
      day: 3,
      time: '11:00',
      situation: 'busy',
      event: { kind: 'call', disposition: 'busy', unanswered: 0 },
    },
    {
      day: 4,
      time: '15:00',
      situation: 'voicemail left',
      event: { kind: 'call', disposition: 'voicemail', unanswered: 0 },
    },
    {
      day: 4,
      time: '11:00',
      situation: 'connected, no date named',
      event: { kind: 'call', disposition: 'connected', unanswered: 0 },
    },
    { day: 1, time: '20:00', situation: 'a new lead arrives', event: { kind: 'new-lead' } },
  ];
  const examples = cases.map(({ day, time, situation, event }) => {
    const from = at(day, time);
    const proposal = proposeFollowUp({ now: from.getTime(), timeZone, rules, event });
    return {
      situation: `${WEEKDAYS[day - 1]!.name} ${clock(from)} · ${situation}`,
      outcome: proposal.dueAt === null ? 'No follow-up' : when(from, proposal.dueAt),
      reason: proposal.reason,
    };
  });
  const giveUp = proposeFollowUp({
    now: at(2, '10:00').getTime(),
    timeZone,
    rules,
    event: { kind: 'call', disposition: 'no-answer', unanswered: rules.noAnswer.giveUpAfter },
  });
  examples.push({
    situation: `The ${ordinal(rules.noAnswer.giveUpAfter)} call in a row without an answer`,
    outcome: 'No follow-up',
    reason: giveUp.reason,
  });
  return examples;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
