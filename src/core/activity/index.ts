/**
 * Activity: what happened with a deal, a contact or an account (stage moves, notes, calls,
 * follow-ups, newest first), and the notes people write.
 *
 * Methods: deals.timeline, notes.create, notes.update, notes.delete (the timelines of contacts and
 *          accounts are served by contacts.get and accounts.timeline through `timeline`)
 * Tables:  notes (reads stage_history, calls, follow_ups, deals, users)
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { createNote, deleteNote, updateNote } from './notes';
import { timeline } from './timeline';

export const activityMethods = (ctx: CoreContext) =>
  ({
    'deals.timeline': (input) => timeline(ctx, { dealId: input.id }),
    'notes.create': (input) => createNote(ctx, input),
    'notes.update': (input) => updateNote(ctx, input),
    'notes.delete': (input) => deleteNote(ctx, input),
  }) satisfies Partial<Handlers>;

export { createNote, deleteNote, getNote, updateNote } from './notes';
export {
  accountContactIds,
  accountDealIds,
  contactDealIds,
  dealSummaries,
  reachOf,
  type Reach,
  type TimelineScope,
} from './scope';
export { TIMELINE_LIMIT, timeline, timelineFor } from './timeline';
