/**
 * Handover documents: a won deal gets a pre-filled draft (see `draft.ts`, called by the pipeline
 * in the transaction that wins the deal); the rep completes and submits it, the success owner
 * accepts it or requests changes.
 *
 * Methods: handover.template, handover.updateTemplate, handover.list, handover.get,
 *          handover.forDeal, handover.updateSection, handover.setOwner, handover.submit,
 *          handover.review, handover.comment, handover.resolveComment, handover.decide,
 *          handover.diff, handover.exportMarkdown
 * Tables:  handovers, handover_sections, handover_comments, handover_versions; the template is
 *          the team_settings row 'handover-template'. Accepting moves the deal into Retention
 *          (deals, stage_history), may set the account's renewal date, and plans follow-ups.
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { getHandover, listHandovers } from './documents';
import { handoverIdOf } from './draft';
import { exportMarkdown } from './exportMarkdown';
import {
  commentOn,
  decideHandover,
  resolveComment,
  reviewHandover,
  setOwner,
  submitHandover,
  updateSection,
} from './flow';
import { templateState, updateTemplate } from './template';
import { diffVersions } from './versions';

export { draftHandoverAtWon, handoverIdOf } from './draft';

export const handoverMethods = (ctx: CoreContext) =>
  ({
    'handover.template': () => templateState(ctx),
    'handover.updateTemplate': (input) => updateTemplate(ctx, input),
    'handover.list': (input) => listHandovers(ctx, input),
    'handover.get': (input) => getHandover(ctx, input.id),
    'handover.forDeal': (input) => {
      const id = handoverIdOf(input.dealId);
      const row = ctx.store
        .prepare('SELECT id FROM handovers WHERE id = ? AND deleted_at IS NULL')
        .get(id);
      return { id: row ? id : null };
    },
    'handover.updateSection': (input) => updateSection(ctx, input),
    'handover.setOwner': (input) => setOwner(ctx, input),
    'handover.submit': (input) => submitHandover(ctx, input),
    'handover.review': (input) => reviewHandover(ctx, input),
    'handover.comment': (input) => commentOn(ctx, input),
    'handover.resolveComment': (input) => resolveComment(ctx, input),
    'handover.decide': (input) => decideHandover(ctx, input),
    'handover.diff': (input) => diffVersions(ctx, input),
    'handover.exportMarkdown': (input) => exportMarkdown(ctx, input),
  }) satisfies Partial<Handlers>;
