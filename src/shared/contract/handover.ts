/**
 * Handover documents (issue 8): every won deal gets a draft handover, pre-filled from the deal,
 * its contacts, notes, calls and call scores; the rep completes it section by section and submits
 * it to a success owner, who accepts it or requests changes with comments. Every submission is a
 * version; versions can be compared. The sections come from the team's template (an admin edits
 * it; the built-in one is `resources/handover-template.json`).
 */
import { z } from 'zod';
import { Id, MinorUnits, Timestamp } from '../domain';
import { Limit, NoInput, type MethodSpec } from './spec';

// ---------------------------------------------------------------------------------------------
// the template

/** Where a section's first draft comes from (see `src/core/handover/prefill.ts`). */
export const PREFILL_SOURCES = [
  'goals',
  'stakeholders',
  'sold',
  'promises',
  'knowledge',
  'risks',
  'timeline',
  'highlights',
  'none',
] as const;
export const PrefillSource = z.enum(PREFILL_SOURCES, {
  error: `one of ${PREFILL_SOURCES.join(', ')}`,
});
export type PrefillSource = z.infer<typeof PrefillSource>;

/** A section's stable id: its rows, comments and diffs follow it across template edits. */
export const SectionId = z
  .string({ error: 'a section id such as goals or risks' })
  .regex(/^[a-z][a-z0-9-]{0,39}$/, {
    error:
      'a section id of lowercase letters, digits and dashes (at most 40), starting with a letter',
  });

export const TemplateSection = z.strictObject({
  id: SectionId,
  title: z
    .string({ error: 'a title' })
    .trim()
    .min(1, { error: 'give the section a title' })
    .max(120, { error: 'at most 120 characters' }),
  /** One line for the author: what a good answer holds. */
  guidance: z.string().trim().max(300, { error: 'at most 300 characters' }).default(''),
  /** Required sections must not be empty when the handover is submitted. */
  required: z.boolean().default(false),
  prefill: PrefillSource.default('none'),
});
export type TemplateSection = z.infer<typeof TemplateSection>;

const TemplateSections = z
  .array(TemplateSection, { error: 'a list of sections' })
  .min(1, { error: 'a handover needs at least one section' })
  .max(30, { error: 'at most 30 sections' })
  .refine((sections) => new Set(sections.map((s) => s.id)).size === sections.length, {
    error: 'each section id once',
  });

export const HandoverTemplate = z.strictObject({
  /** Goes up by one with every edit; each handover records the version it was made from. */
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(120),
  sections: TemplateSections,
});
export type HandoverTemplate = z.infer<typeof HandoverTemplate>;

export const HandoverTemplateState = z.object({
  template: HandoverTemplate,
  /** The built-in template (resources/handover-template.json), to start again from. */
  builtIn: HandoverTemplate,
  /** True while the team uses the built-in template. */
  isBuiltIn: z.boolean(),
  /** Parts of a stored template this app version cannot read (left out, or the built-in used). */
  unreadable: z.array(z.string()),
  /** Whether the signed-in person may edit it (admins). */
  canEdit: z.boolean(),
  updatedAt: Timestamp.nullable(),
});
export type HandoverTemplateState = z.infer<typeof HandoverTemplateState>;

// ---------------------------------------------------------------------------------------------
// handovers

export const HANDOVER_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'accepted',
  'changes_requested',
] as const;
export const HandoverStatus = z.enum(HANDOVER_STATUSES);
export type HandoverStatus = z.infer<typeof HandoverStatus>;

export const HandoverListItem = z.object({
  id: Id,
  dealId: Id.nullable(),
  dealTitle: z.string().nullable(),
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  successOwnerId: Id.nullable(),
  successOwnerName: z.string().nullable(),
  status: HandoverStatus,
  valueMinor: MinorUnits.nullable(),
  currency: z.string().nullable(),
  /** The number of the latest submitted version; 0 before the first submission. */
  currentVersion: z.number().int(),
  submittedAt: Timestamp.nullable(),
  decidedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  /** The latest change to the handover, its sections or its comments. */
  updatedAt: Timestamp,
  /** Titles of required sections that are still empty. */
  missingRequired: z.array(z.string()),
  openComments: z.number().int(),
});
export type HandoverListItem = z.infer<typeof HandoverListItem>;

export const HandoverSection = z.object({
  /** The row's id (derived from the handover and the section id, the same on every device). */
  id: Id,
  sectionId: z.string(),
  position: z.number(),
  title: z.string(),
  /** Markdown. */
  body: z.string(),
  required: z.boolean(),
  /** From the team's template today (empty if the template no longer has the section). */
  guidance: z.string(),
  /** Required and empty. */
  missing: z.boolean(),
  updatedAt: Timestamp,
});
export type HandoverSection = z.infer<typeof HandoverSection>;

export const HandoverComment = z.object({
  id: Id,
  /** The section commented on; null for the whole handover. */
  sectionId: z.string().nullable(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
});
export type HandoverComment = z.infer<typeof HandoverComment>;

export const HandoverDecision = z.enum(['accepted', 'changes_requested']);

export const HandoverVersionSummary = z.object({
  number: z.number().int(),
  submittedBy: Id.nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: Timestamp,
  /** What the success owner decided on this version, if anything yet. */
  decision: HandoverDecision.nullable(),
  decidedAt: Timestamp.nullable(),
  decidedByName: z.string().nullable(),
});
export type HandoverVersionSummary = z.infer<typeof HandoverVersionSummary>;

export const HandoverDocument = HandoverListItem.extend({
  templateVersion: z.number().int(),
  decidedBy: Id.nullable(),
  decidedByName: z.string().nullable(),
  deal: z.object({
    stageId: z.string().nullable(),
    stageName: z.string().nullable(),
    /** The last move into a won stage (the deal's close date before that). */
    wonAt: Timestamp.nullable(),
    expectedCloseAt: Timestamp.nullable(),
    closeReason: z.string().nullable(),
    renewalAt: Timestamp.nullable(),
  }),
  sections: z.array(HandoverSection),
  comments: z.array(HandoverComment),
  versions: z.array(HandoverVersionSummary),
  /** What the signed-in person may do with it now. */
  can: z.object({
    edit: z.boolean(),
    setOwner: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    decide: z.boolean(),
    comment: z.boolean(),
  }),
});
export type HandoverDocument = z.infer<typeof HandoverDocument>;

export const DiffLine = z.object({
  kind: z.enum(['same', 'added', 'removed']),
  text: z.string(),
});
export type DiffLine = z.infer<typeof DiffLine>;

export const SectionDiff = z.object({
  sectionId: z.string(),
  title: z.string(),
  status: z.enum(['unchanged', 'changed', 'added', 'removed']),
  lines: z.array(DiffLine),
});
export type SectionDiff = z.infer<typeof SectionDiff>;

const Body = z
  .string({ error: 'the section text (Markdown)' })
  .max(50_000, { error: 'at most 50,000 characters' });

const CommentBody = z
  .string({ error: 'the comment text' })
  .trim()
  .min(1, { error: 'write the comment' })
  .max(5_000, { error: 'at most 5,000 characters' });

const NewComment = z.strictObject({
  sectionId: SectionId.nullable().default(null),
  body: CommentBody,
});

const VersionNumber = z
  .number({ error: 'a version number' })
  .int({ error: 'a whole version number' })
  .min(1, { error: 'versions start at 1' });

export const handoverContract = {
  'handover.template': {
    summary: 'The team’s handover template (and the built-in one).',
    input: NoInput,
    output: HandoverTemplateState,
  },
  'handover.updateTemplate': {
    summary: 'Change the handover template for handovers made from now on (admins).',
    input: z
      .strictObject({
        name: z
          .string({ error: 'the template’s name' })
          .trim()
          .min(1, { error: 'give the template a name' })
          .max(120, { error: 'at most 120 characters' })
          .optional(),
        sections: TemplateSections.optional(),
        /** Back to the built-in sections (as a new version). */
        reset: z.literal(true, { error: 'true, to go back to the built-in template' }).optional(),
      })
      .refine((input) => (input.sections !== undefined) !== (input.reset === true), {
        error: 'give the sections, or reset: true (not both)',
        path: ['sections'],
      }),
    output: HandoverTemplateState,
  },
  'handover.list': {
    summary: 'Handovers, newest change first: mine as author, mine as success owner, or all.',
    input: z
      .strictObject({
        scope: z.enum(['authored', 'owned', 'all']).default('all'),
        status: z.array(HandoverStatus).max(5).optional(),
        limit: Limit(500, 200),
      })
      .default({ scope: 'all', limit: 200 }),
    output: z.object({ items: z.array(HandoverListItem) }),
  },
  'handover.get': {
    summary: 'A handover with its sections, comments and versions.',
    input: z.strictObject({ id: Id }),
    output: HandoverDocument,
  },
  'handover.forDeal': {
    summary: 'The handover of a deal, if it has one.',
    input: z.strictObject({ dealId: Id }),
    output: z.object({ id: Id.nullable() }),
  },
  'handover.updateSection': {
    summary: 'Write a section (while a draft or after changes were requested).',
    input: z.strictObject({ id: Id, sectionId: SectionId, body: Body }),
    output: HandoverSection,
  },
  'handover.setOwner': {
    summary: 'Choose the success owner who receives the handover.',
    input: z.strictObject({ id: Id, userId: Id }),
    output: HandoverDocument,
  },
  'handover.submit': {
    summary: 'Submit the handover to its success owner: a new version.',
    input: z.strictObject({ id: Id }),
    output: HandoverDocument,
  },
  'handover.review': {
    summary: 'The success owner opens a submitted handover: it is in review.',
    input: z.strictObject({ id: Id }),
    output: HandoverDocument,
  },
  'handover.comment': {
    summary: 'Comment on a section of a handover, or on the whole.',
    input: z.strictObject({
      id: Id,
      sectionId: SectionId.nullable().default(null),
      body: CommentBody,
    }),
    output: HandoverComment,
  },
  'handover.resolveComment': {
    summary: 'Mark a comment as dealt with (or open it again).',
    input: z.strictObject({ commentId: Id, resolved: z.boolean().default(true) }),
    output: HandoverComment,
  },
  'handover.decide': {
    summary:
      'Accept the handover (the customer moves into Retention) or request changes with comments.',
    input: z.discriminatedUnion(
      'decision',
      [
        z.strictObject({ id: Id, decision: z.literal('accept') }),
        z.strictObject({
          id: Id,
          decision: z.literal('requestChanges'),
          comments: z.array(NewComment).max(50).default([]),
        }),
      ],
      { error: 'accept or requestChanges' },
    ),
    output: HandoverDocument,
  },
  'handover.diff': {
    summary: 'What changed between two versions (or from a version to the text as it is now).',
    input: z
      .strictObject({
        id: Id,
        from: VersionNumber,
        /** Omitted: the sections as they are now. */
        to: VersionNumber.optional(),
      })
      .refine((input) => input.to === undefined || input.to > input.from, {
        error: 'a later version than from',
        path: ['to'],
      }),
    output: z.object({
      from: z.number().int(),
      /** Null: the sections as they are now. */
      to: z.number().int().nullable(),
      sections: z.array(SectionDiff),
    }),
  },
  'handover.exportMarkdown': {
    summary: 'The handover as a Markdown document (a version, or the text as it is now).',
    input: z.strictObject({ id: Id, version: VersionNumber.optional() }),
    output: z.object({ fileName: z.string(), markdown: z.string() }),
  },
} satisfies Record<string, MethodSpec>;
