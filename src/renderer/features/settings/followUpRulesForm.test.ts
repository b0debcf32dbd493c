import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLLOW_UP_RULES } from '../../../shared/domain/followUpRules';
import {
  describeDays,
  formFieldOf,
  fromForm,
  ruleExamples,
  toForm,
  type RulesForm,
} from './followUpRulesForm';

const form = (patch: Partial<RulesForm> = {}): RulesForm => ({
  ...toForm(DEFAULT_FOLLOW_UP_RULES),
  ...patch,
});

describe('the follow-up rules form', () => {
  it('round-trips the rules, in week order', () => {
    expect(fromForm(form())).toEqual({ rules: DEFAULT_FOLLOW_UP_RULES });
    const changed = fromForm(form({ days: [6, 1, 3], noAnswerRetryMinutes: ' 30 ' }));
    expect(changed.rules?.workingHours.days).toEqual([1, 3, 6]);
    expect(changed.rules?.noAnswer.firstRetryMinutes).toBe(30);
  });

  it('says what is wrong next to each field, with the contract’s words', () => {
    const { errors } = fromForm(
      form({
        days: [],
        start: '18:00',
        end: '09:00',
        noAnswerRetryMinutes: '',
        noAnswerGiveUpAfter: '0',
        busyRetryMinutes: '1.5',
        voicemailAt: '',
        connectedDays: '45',
      }),
    );
    expect(errors).toEqual({
      days: 'At least one working day',
      end: 'The working day must end after it starts',
      noAnswerRetryMinutes: 'A number of minutes',
      noAnswerGiveUpAfter: 'At least 1',
      busyRetryMinutes: 'Whole minutes',
      voicemailAt: 'A time of day as HH:MM, from 00:00 to 23:59',
      connectedDays: 'At most 30 working days',
    });
    expect(fromForm(form({ start: '18:00', end: '18:00' })).errors).toEqual({
      end: 'The working day must end after it starts',
    });
  });

  it('maps the core’s field paths onto the form', () => {
    expect(formFieldOf('followUpRules.noAnswer.giveUpAfter')).toBe('noAnswerGiveUpAfter');
    expect(formFieldOf('followUpRules.workingHours.days[3]')).toBe('days');
    expect(formFieldOf('phoneScheme')).toBeUndefined();
  });

  it('names working days the short way', () => {
    expect(describeDays([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(describeDays([1, 2, 3, 4, 6])).toBe('Mon–Thu, Sat');
    expect(describeDays([2, 4])).toBe('Tue, Thu');
    expect(describeDays([7, 1, 2, 3, 4, 5, 6])).toBe('every day');
  });
});

describe('worked examples', () => {
  it('show what the default rules do in an ordinary week', () => {
    expect(
      ruleExamples(DEFAULT_FOLLOW_UP_RULES, 'Europe/Berlin').map((e) => [e.situation, e.outcome]),
    ).toEqual([
      ['Tuesday 09:00 · no answer', '11:00 the same day'],
      ['Friday 16:30 · no answer', 'next Monday 09:00'],
      ['Wednesday 14:00 · no answer, the second time in a row', 'Thursday 09:00'],
      ['Wednesday 11:00 · busy', '11:30 the same day'],
      ['Thursday 15:00 · voicemail left', 'Friday 10:00'],
      ['Thursday 11:00 · connected, no date named', 'next Monday 10:00'],
      ['Monday 20:00 · a new lead arrives', 'Tuesday 09:00'],
      ['The 6th call in a row without an answer', 'No follow-up'],
    ]);
  });

  it('follow the rules as they are edited, in any time zone', () => {
    const rules = structuredClone(DEFAULT_FOLLOW_UP_RULES);
    rules.workingHours = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:00' };
    rules.noAnswer = { firstRetryMinutes: 30, nextMorningAt: '08:30', giveUpAfter: 3 };
    const examples = ruleExamples(rules, 'America/New_York');
    expect(examples[0]).toEqual({
      situation: 'Tuesday 08:00 · no answer',
      outcome: '08:30 the same day',
      reason: 'No answer: try again in 30 minutes',
    });
    // Saturday is a working day now: the late no-answer is on Saturday, and goes to Monday.
    expect(examples[1]).toMatchObject({
      situation: 'Saturday 17:45 · no answer',
      outcome: 'next Monday 08:30',
    });
    expect(examples.at(-1)?.situation).toBe('The 3rd call in a row without an answer');
  });
});
