import { z } from 'zod';
import { Id, Timestamp } from '../domain';
import { CALL_DISPOSITIONS } from '../domain/followUpRules';
import { type MethodSpec } from './spec';

export const CallDisposition = z.enum(CALL_DISPOSITIONS);

export const Call = z.object({
  id: Id,
  dealId: Id.nullable(),
  contactId: Id.nullable(),
  repId: Id.nullable(),
  direction: z.enum(['outbound', 'inbound']),
  phone: z.string().nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  disposition: CallDisposition.nullable(),
  notes: z.string().nullable(),
  nextStep: z.string().nullable(),
});
export type Call = z.infer<typeof Call>;

/** What the follow-up rules propose after a call; the rep accepts, moves or drops it. */
export const FollowUpProposal = z.object({ dueAt: Timestamp.nullable(), reason: z.string() });

const Subject = {
  dealId: Id.optional(),
  contactId: Id.optional(),
};
const needsSubject = (input: { dealId?: string; contactId?: string }) =>
  input.dealId !== undefined || input.contactId !== undefined;
const SUBJECT_ERROR = { error: 'a call is with a deal or a contact: give dealId or contactId' };

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `at most ${max} characters` });

export const callsContract = {
  'calls.start': {
    summary: 'Start a call (the timer runs; other devices see it as it happens).',
    input: z
      .strictObject({
        ...Subject,
        phone: Text(40).optional(),
        direction: z.enum(['outbound', 'inbound']).default('outbound'),
      })
      .refine(needsSubject, SUBJECT_ERROR),
    output: Call,
  },
  'calls.end': {
    summary:
      'End a call with its disposition, notes and next step; returns the proposed follow-up.',
    input: z.strictObject({
      id: Id,
      disposition: CallDisposition,
      notes: Text(10_000).optional(),
      nextStep: Text(500).optional(),
      /** The date the customer named for the next step. */
      nextStepAt: Timestamp.optional(),
    }),
    output: z.object({ call: Call, proposal: FollowUpProposal }),
  },
  'calls.log': {
    summary: 'Record a call made earlier (back-dated), with its disposition.',
    input: z
      .strictObject({
        ...Subject,
        startedAt: Timestamp,
        endedAt: Timestamp,
        disposition: CallDisposition,
        direction: z.enum(['outbound', 'inbound']).default('outbound'),
        phone: Text(40).optional(),
        notes: Text(10_000).optional(),
        nextStep: Text(500).optional(),
      })
      .refine(needsSubject, SUBJECT_ERROR)
      .refine((input) => input.endedAt >= input.startedAt, {
        error: 'the call cannot end before it started',
        path: ['endedAt'],
      }),
    output: Call,
  },
  'calls.list': {
    summary: 'Calls of a deal, a contact or a rep, newest first.',
    input: z.strictObject({
      ...Subject,
      repId: Id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(Call),
  },
} satisfies Record<string, MethodSpec>;

export const FollowUp = z.object({
  id: Id,
  dealId: Id.nullable(),
  contactId: Id.nullable(),
  ownerId: Id.nullable(),
  dueAt: Timestamp,
  kind: z.string(),
  title: z.string().nullable(),
  status: z.enum(['open', 'done']),
  doneAt: Timestamp.nullable(),
  /** What it is about, for the reminders list. */
  dealTitle: z.string().nullable(),
  contactName: z.string().nullable(),
  /** The time zone of the person to follow up (the deal's contact's), if known: IANA name. */
  contactTimeZone: z.string().nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const followUpsContract = {
  'followUps.create': {
    summary: 'Plan a follow-up of a deal or a contact (e.g. the one proposed after a call).',
    input: z
      .strictObject({
        ...Subject,
        dueAt: Timestamp,
        kind: z.enum(['call', 'email', 'meeting', 'task']).default('call'),
        title: Text(200).optional(),
      })
      .refine(needsSubject, {
        error: 'a follow-up is of a deal or a contact: give dealId or contactId',
      }),
    output: FollowUp,
  },
  'followUps.list': {
    summary: 'Open follow-ups (mine, or the whole team’s), soonest first.',
    input: z.strictObject({
      scope: z.enum(['mine', 'team']).default('mine'),
      limit: z.number().int().min(1).max(1_000).default(200),
    }),
    output: z.array(FollowUp),
  },
  'followUps.snooze': {
    summary: 'Move a follow-up to later.',
    input: z.strictObject({ id: Id, until: Timestamp }),
    output: FollowUp,
  },
  'followUps.done': {
    summary: 'Mark a follow-up done.',
    input: z.strictObject({ id: Id }),
    output: FollowUp,
  },
} satisfies Record<string, MethodSpec>;
