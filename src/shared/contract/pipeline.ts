import { z } from 'zod';
import {
  BoardColumn,
  CurrencyCode,
  Deal,
  DealCard,
  DealDetail,
  DealStatus,
  Id,
  MinorUnits,
  NonBlank,
  Note,
  OptionalText,
  Phase,
  PhaseId,
  Stage,
  StageKind,
  TimelineItem,
  Timestamp,
} from '../domain';
import { Limit, NoInput, Offset, SortDirection, page, type MethodSpec } from './spec';

// ---------------------------------------------------------------------------------------------
// Which deals: one filter for the board, the table and exports

export const DealFilters = z
  .strictObject({
    /** Words of the title or the account name; prefix matches ("acm" finds Acme). */
    query: z.string().trim().max(200).optional(),
    /** `null` in the list means unassigned deals. */
    ownerIds: z.array(Id.nullable()).max(500).optional(),
    phaseIds: z.array(PhaseId).optional(),
    stageIds: z.array(Id).max(500).optional(),
    status: DealStatus.optional(),
    minValueMinor: MinorUnits.optional(),
    maxValueMinor: MinorUnits.optional(),
    rottingOnly: z.boolean().optional(),
    /** Deals whose follow-up is due before this moment (the client sends the end of its day). */
    followUpDueBefore: Timestamp.optional(),
    accountId: Id.optional(),
    contactId: Id.optional(),
  })
  .default({});
export type DealFilters = z.input<typeof DealFilters>;

// ---------------------------------------------------------------------------------------------
// deals

export const DEAL_SORT_FIELDS = [
  'title',
  'account',
  'contact',
  'stage',
  'owner',
  'value',
  'expectedCloseAt',
  'followUpAt',
  'lastActivityAt',
  'createdAt',
  'updatedAt',
] as const;
export type DealSortField = (typeof DEAL_SORT_FIELDS)[number];

export const DealSort = z
  .strictObject({ field: z.enum(DEAL_SORT_FIELDS), direction: SortDirection })
  .default({ field: 'lastActivityAt', direction: 'desc' });

export const DealListInput = z.strictObject({
  filters: DealFilters,
  sort: DealSort,
  offset: Offset,
  limit: Limit(500, 50),
});
export type DealListInput = z.input<typeof DealListInput>;

export const DealPage = page(Deal);
export type DealPage = z.infer<typeof DealPage>;

const dealFields = {
  title: NonBlank(200),
  accountId: Id.nullable(),
  contactId: Id.nullable(),
  stageId: Id,
  ownerId: Id.nullable(),
  valueMinor: MinorUnits.min(0, { error: 'must not be negative' }),
  currency: CurrencyCode,
  expectedCloseAt: Timestamp.nullable(),
  nextStep: OptionalText(500),
  followUpAt: Timestamp.nullable(),
  source: OptionalText(100),
  closeReason: OptionalText(500),
};

export const DealCreateInput = z.strictObject({
  ...dealFields,
  accountId: dealFields.accountId.optional(),
  contactId: dealFields.contactId.optional(),
  /** Defaults to the first open stage of the pipeline. */
  stageId: dealFields.stageId.optional(),
  /** Defaults to the current user. */
  ownerId: dealFields.ownerId.optional(),
  valueMinor: dealFields.valueMinor.default(0),
  /** Defaults to the team's currency. */
  currency: dealFields.currency.optional(),
  expectedCloseAt: dealFields.expectedCloseAt.optional(),
  nextStep: dealFields.nextStep.optional(),
  followUpAt: dealFields.followUpAt.optional(),
  source: dealFields.source.optional(),
  closeReason: dealFields.closeReason.optional(),
  /**
   * Speed to lead: without a follow-up time, plan the owner's first call of a new lead (a deal
   * in Reach or Acquisition) by the team's new-lead rule. The app's New deal form asks for it.
   */
  planFirstCall: z.boolean().default(false),
});
export type DealCreateInput = z.input<typeof DealCreateInput>;

export const DealPatch = z
  .strictObject(dealFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'name at least one field to change' });
export type DealPatch = z.input<typeof DealPatch>;

export const DealUpdateInput = z.strictObject({ id: Id, patch: DealPatch });
export type DealUpdateInput = z.input<typeof DealUpdateInput>;

/**
 * Put a deal in a stage, between two cards of that column (either may be absent: the top, the
 * end, an empty column). Moving into Won or Lost needs a reason.
 */
export const DealMoveInput = z.strictObject({
  id: Id,
  stageId: Id,
  /** The card that will be just above it. */
  afterId: Id.nullable().optional(),
  /** The card that will be just below it. */
  beforeId: Id.nullable().optional(),
  reason: OptionalText(500).optional(),
});
export type DealMoveInput = z.input<typeof DealMoveInput>;

export const DealBulkUpdateInput = z.strictObject({
  ids: z
    .array(Id)
    .min(1, { error: 'select at least one deal' })
    .max(5_000, { error: 'at most 5,000 deals at once' }),
  patch: z
    .strictObject({
      ownerId: Id.nullable().optional(),
      stageId: Id.optional(),
      reason: OptionalText(500).optional(),
    })
    .refine((patch) => patch.ownerId !== undefined || patch.stageId !== undefined, {
      error: 'change the owner or the stage',
    }),
});

// ---------------------------------------------------------------------------------------------
// board

export const BoardLoadInput = z.strictObject({
  filters: DealFilters,
  cardsPerColumn: Limit(100, 30),
});
export type BoardLoadInput = z.input<typeof BoardLoadInput>;

export const BoardCardsInput = z.strictObject({
  stageId: Id,
  filters: DealFilters,
  offset: Offset,
  limit: Limit(200, 50),
});
export type BoardCardsInput = z.input<typeof BoardCardsInput>;

// ---------------------------------------------------------------------------------------------
// stages (admin)

export const StageCreateInput = z.strictObject({
  name: NonBlank(60),
  phaseId: PhaseId,
  probability: z.number().int().min(0).max(100),
  rottingDays: z.number().int().min(1).max(3650).nullable().default(null),
  kind: StageKind.default('open'),
  /** Insert after this stage of the same phase; at the end of the phase when absent. */
  afterStageId: Id.nullable().optional(),
});

export const StageUpdateInput = z.strictObject({
  id: Id,
  patch: z
    .strictObject({
      name: NonBlank(60),
      phaseId: PhaseId,
      probability: z.number().int().min(0).max(100),
      rottingDays: z.number().int().min(1).max(3650).nullable(),
    })
    .partial()
    .refine((patch) => Object.keys(patch).length > 0, {
      error: 'name at least one field to change',
    }),
});

export const StageReorderInput = z.strictObject({
  phaseId: PhaseId,
  /** Every stage of the phase, in the new order. */
  stageIds: z.array(Id).min(1),
});

export const StageDeleteInput = z.strictObject({
  id: Id,
  /** Where the stage's deals go; required when it still has deals. */
  moveDealsTo: Id.optional(),
});

// ---------------------------------------------------------------------------------------------
// notes

export const NoteCreateInput = z
  .strictObject({
    dealId: Id.optional(),
    contactId: Id.optional(),
    accountId: Id.optional(),
    body: NonBlank(10_000),
  })
  .refine((note) => note.dealId || note.contactId || note.accountId, {
    error: 'a note belongs to a deal, a contact or an account',
    path: ['dealId'],
  });

export const pipelineContract = {
  'stages.list': {
    summary: 'The lifecycle phases and the pipeline stages, in board order.',
    input: NoInput,
    output: z.object({ phases: z.array(Phase), stages: z.array(Stage) }),
  },
  'stages.create': {
    summary: 'Add a stage to a phase (admin).',
    input: StageCreateInput,
    output: Stage,
  },
  'stages.update': {
    summary: 'Rename a stage or change its phase, probability or rotting days (admin).',
    input: StageUpdateInput,
    output: Stage,
  },
  'stages.reorder': {
    summary: 'Put the stages of a phase in a new order (admin).',
    input: StageReorderInput,
    output: z.array(Stage),
  },
  'stages.delete': {
    summary: 'Remove a stage, moving its deals to another first (admin).',
    input: StageDeleteInput,
    output: z.object({ movedDeals: z.number().int() }),
  },
  'board.load': {
    summary: 'The board: per stage the count, total and weighted value, and the first cards.',
    input: BoardLoadInput,
    output: z.object({ columns: z.array(BoardColumn), now: Timestamp }),
  },
  'board.cards': {
    summary: 'More cards of one board column, in board order.',
    input: BoardCardsInput,
    output: z.object({ cards: z.array(DealCard) }),
  },
  'deals.list': {
    summary: 'One page of deals, filtered and sorted in SQL, with the total count.',
    input: DealListInput,
    output: DealPage,
  },
  'deals.get': {
    summary: 'One deal with its stage history.',
    input: z.strictObject({ id: Id }),
    output: DealDetail,
  },
  'deals.timeline': {
    summary: "A deal's stage moves, notes, calls and follow-ups, newest first.",
    input: z.strictObject({ id: Id }),
    output: z.array(TimelineItem),
  },
  'deals.create': {
    summary: 'Create a deal; missing stage, owner and currency take the defaults.',
    input: DealCreateInput,
    output: Deal,
  },
  'deals.update': {
    summary: 'Change some fields of a deal; a new stage is recorded in its stage history.',
    input: DealUpdateInput,
    output: Deal,
  },
  'deals.move': {
    summary: 'Move a deal on the board: to a stage and a place in its column.',
    input: DealMoveInput,
    output: Deal,
  },
  'deals.bulkUpdate': {
    summary: 'Give many deals a new owner or stage at once.',
    input: DealBulkUpdateInput,
    output: z.object({ updated: z.number().int() }),
  },
  'notes.create': {
    summary: 'Write a note on a deal, a contact or an account.',
    input: NoteCreateInput,
    output: Note,
  },
  'notes.update': {
    summary: 'Edit a note.',
    input: z.strictObject({ id: Id, body: NonBlank(10_000) }),
    output: Note,
  },
  'notes.delete': {
    summary: 'Delete a note.',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id }),
  },
} satisfies Record<string, MethodSpec>;
