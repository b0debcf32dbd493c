import { z } from 'zod';
import { Timestamp } from '../domain';
import type { FollowUpRules } from '../domain/followUpRules';
import { NoInput, type MethodSpec } from './spec';

/**
 * Team settings a manager edits: the follow-up rules and how the Call buttons dial. Each is one
 * synced row (`team_settings`), so the schemas here are also what a value arriving from another
 * laptop is checked against before the core uses it.
 */

export const PHONE_SCHEMES = ['tel:', 'callto:', 'sip:'] as const;
export const PhoneScheme = z.enum(PHONE_SCHEMES, {
  error: 'a phone link scheme: tel:, callto: or sip:',
});
export type PhoneScheme = z.infer<typeof PhoneScheme>;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export const ClockTime = z
  .string({ error: 'a time of day as HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a time of day as HH:MM, from 00:00 to 23:59' })
  .transform((time) => time as FollowUpRules['workingHours']['start']);

/** Whole minutes from 1 up to `max`, with a sentence that says so. */
const Minutes = (max: number) =>
  z
    .number({ error: 'a number of minutes' })
    .int({ error: 'whole minutes' })
    .min(1, { error: 'at least 1 minute' })
    .max(max, { error: `at most ${max} minutes` });

const Count = (min: number, max: number, unit: string) =>
  z
    .number({ error: `a number of ${unit}` })
    .int({ error: `a whole number of ${unit}` })
    .min(min, { error: `at least ${min}` })
    .max(max, { error: `at most ${max} ${unit}` });

export const WorkingHoursSchema = z
  .strictObject({
    days: z
      .array(
        z
          .number({ error: 'a weekday: 1 (Monday) to 7 (Sunday)' })
          .int({ error: 'a weekday: 1 (Monday) to 7 (Sunday)' })
          .min(1, { error: 'a weekday: 1 (Monday) to 7 (Sunday)' })
          .max(7, { error: 'a weekday: 1 (Monday) to 7 (Sunday)' }),
        { error: 'a list of weekdays' },
      )
      .min(1, { error: 'at least one working day' })
      .refine((days) => new Set(days).size === days.length, { error: 'each day once' })
      .transform((days) => [...days].sort((a, b) => a - b)),
    start: ClockTime,
    end: ClockTime,
  })
  .refine((hours) => minutesOf(hours.end) > minutesOf(hours.start), {
    error: 'the working day must end after it starts',
    path: ['end'],
  });

/** The sections of the rules, each checked on its own (see `readFollowUpRules` in the core). */
export const FOLLOW_UP_RULE_SECTIONS = {
  workingHours: WorkingHoursSchema,
  newLead: z.strictObject({ withinMinutes: Minutes(24 * 60) }),
  noAnswer: z.strictObject({
    firstRetryMinutes: Minutes(24 * 60),
    nextMorningAt: ClockTime,
    giveUpAfter: Count(1, 50, 'calls'),
  }),
  busy: z.strictObject({ retryMinutes: Minutes(24 * 60) }),
  voicemail: z.strictObject({ nextWorkingDayAt: ClockTime }),
  connected: z.strictObject({ inWorkingDays: Count(1, 30, 'working days'), at: ClockTime }),
} as const;

export const FollowUpRulesSchema = z.strictObject({
  version: z.literal(1, { error: 'rules of version 1' }).default(1),
  ...FOLLOW_UP_RULE_SECTIONS,
}) satisfies z.ZodType<FollowUpRules, unknown>;

export const SettingsState = z.object({
  followUpRules: FollowUpRulesSchema,
  /** Stored rules that could not be read (from another app version): the defaults stand in. */
  unreadableRules: z.array(z.string()),
  phoneScheme: PhoneScheme,
  /** Whether the signed-in person may change them (managers and admins). */
  canEdit: z.boolean(),
  /** The last change to any of them, and who made it; null while they are the defaults. */
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
});
export type SettingsState = z.infer<typeof SettingsState>;

export const settingsContract = {
  'settings.get': {
    summary: 'The team settings: follow-up rules and how numbers are dialled.',
    input: NoInput,
    output: SettingsState,
  },
  'settings.update': {
    summary: 'Change team settings (managers and admins).',
    input: z
      .strictObject({
        followUpRules: FollowUpRulesSchema.optional(),
        phoneScheme: PhoneScheme.optional(),
      })
      .refine((input) => input.followUpRules !== undefined || input.phoneScheme !== undefined, {
        error: 'give followUpRules or phoneScheme (or both)',
      }),
    output: SettingsState,
  },
} satisfies Record<string, MethodSpec>;
