import { z } from 'zod';
import { Id, Timestamp } from './basics';

// ---------------------------------------------------------------------------------------------
// Engagement: what happened with a deal, a contact or an account, newest first

export const Note = z.object({
  id: Id,
  dealId: Id.nullable(),
  contactId: Id.nullable(),
  accountId: Id.nullable(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Note = z.infer<typeof Note>;

export const TimelineItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stage'),
    id: Id,
    at: Timestamp,
    dealId: Id,
    dealTitle: z.string().nullable(),
    fromStageId: Id.nullable(),
    toStageId: Id,
    byName: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('note'),
    id: Id,
    at: Timestamp,
    dealId: Id.nullable(),
    dealTitle: z.string().nullable(),
    body: z.string(),
    byName: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('call'),
    id: Id,
    at: Timestamp,
    dealId: Id.nullable(),
    dealTitle: z.string().nullable(),
    endedAt: Timestamp.nullable(),
    direction: z.string(),
    disposition: z.string().nullable(),
    notes: z.string().nullable(),
    byName: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('followUp'),
    id: Id,
    at: Timestamp,
    dealId: Id.nullable(),
    dealTitle: z.string().nullable(),
    title: z.string().nullable(),
    status: z.string(),
    byName: z.string().nullable(),
  }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;
