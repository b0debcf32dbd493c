/**
 * The pipeline's rules as plain functions, without schemas, so that the first screen of the app
 * can use them without loading the schema library.
 */
import type { DealStatus } from './pipeline';

export const DAY_MS = 86_400_000;

/**
 * A deal rots when it is open and has had no activity for longer than its stage allows. The SQL
 * of the board and the table applies the same rule.
 */
export function isRotting(
  deal: { status: DealStatus; lastActivityAt: number },
  stage: { rottingDays: number | null } | undefined,
  now: number,
): boolean {
  return (
    deal.status === 'open' &&
    stage?.rottingDays != null &&
    deal.lastActivityAt < now - stage.rottingDays * DAY_MS
  );
}

export type FollowUpState = 'overdue' | 'today' | 'upcoming' | 'none';

/** Where a follow-up stands for someone whose local day ends at `endOfToday`. */
export function followUpState(
  followUpAt: number | null,
  now: number,
  endOfToday: number,
): FollowUpState {
  if (followUpAt == null) return 'none';
  if (followUpAt < now) return 'overdue';
  if (followUpAt <= endOfToday) return 'today';
  return 'upcoming';
}
