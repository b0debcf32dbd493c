/**
 * The life of a handover: the author writes sections and chooses a success owner, submits (a new
 * version), the owner opens it (in review) and accepts it or requests changes with comments. The
 * other side hears of each step as a follow-up due at once, in their reminders, where the app's
 * due-reminder notification announces it.
 */
import {
  ApiError,
  type HandoverComment,
  type HandoverDocument,
  type HandoverSection,
  type ParsedInput,
} from '../../shared/contract';
import { derivedId } from '../../shared/ids';
import { refreshDeal } from '../calls/followUps';
import type { CoreContext } from '../context';
import { recordStageMove, statusFor } from '../pipeline/deals';
import { listStages, getStage } from '../pipeline/stages';
import type { Writer } from '../store/writePath';
import { getUser } from '../team/team';
import {
  getComment,
  getHandover,
  permissions,
  readComments,
  readSections,
  requireHandover,
  templateGuidance,
  toSection,
  WON_AT,
  type HandoverRow,
} from './documents';
import { versionRowId } from './draft';
import { dateText, termMonths } from './prefill';

const DAY = 86_400_000;
/** The renewal talk starts this long before the renewal date. */
export const RENEWAL_LEAD_DAYS = 60;
/** The term when neither the account nor the handover names one. */
export const DEFAULT_TERM_MONTHS = 12;
const OWNER_ROLES = new Set(['success', 'manager', 'admin']);
const CUSTOMER_PHASES = new Set(['retention', 'loyalty']);

const STATUS_WORDS = {
  draft: 'a draft',
  submitted: 'submitted',
  in_review: 'in review',
  accepted: 'accepted',
  changes_requested: 'sent back for changes',
} as const;

function refuse(action: string, who: string): never {
  throw new ApiError('unauthorized', `only ${who} can ${action}`);
}

function wrongStatus(handover: HandoverRow, action: string): never {
  throw new ApiError(
    'conflict',
    `the handover is ${STATUS_WORDS[handover.status]}: it cannot be ${action} now`,
  );
}

const AUTHOR_OR_MANAGER = 'the author of the handover (the deal’s owner) or a manager';
const OWNER_OR_MANAGER = 'the handover’s success owner or a manager';

function dealTitle(ctx: CoreContext, dealId: string | null): string {
  if (!dealId) return 'a deal';
  const row = ctx.store.prepare('SELECT title FROM deals WHERE id = ?').get(dealId) as
    { title: string } | undefined;
  return row?.title || 'a deal';
}

/**
 * A follow-up that tells someone of a step, due now. Its id is derived from the step, so the
 * same step taken on two laptops at once makes one reminder.
 */
function notify(
  w: Writer,
  key: string,
  fields: { ownerId: string | null; dealId: string | null; title: string; dueAt: number },
): void {
  if (!fields.ownerId) return;
  const id = derivedId('handover-notice', key);
  const row = {
    deal_id: fields.dealId,
    owner_id: fields.ownerId,
    due_at: fields.dueAt,
    kind: 'task',
    title: fields.title,
    status: 'open',
    done_at: null,
  };
  if (w.get('SELECT 1 AS x FROM follow_ups WHERE id = ?', id)) w.update('follow_ups', id, row);
  else w.insert('follow_ups', { id, ...row, created_at: fields.dueAt });
}

/** Mark a notice done (the owner opened what it announced). */
function settleNotice(w: Writer, key: string, now: number): void {
  const id = derivedId('handover-notice', key);
  const row = w.get<{ status: string }>('SELECT status FROM follow_ups WHERE id = ?', id);
  if (row?.status === 'open') w.update('follow_ups', id, { status: 'done', done_at: now });
}

const submittedKey = (id: string, version: number) => `${id}:${version}:submitted`;

export function updateSection(
  ctx: CoreContext,
  input: ParsedInput<'handover.updateSection'>,
): HandoverSection {
  const handover = requireHandover(ctx, input.id);
  const can = permissions(ctx, handover);
  if (!can.isAuthor && !can.isManager) refuse('edit this handover', AUTHOR_OR_MANAGER);
  if (!can.edit) wrongStatus(handover, 'edited');
  const section = readSections(ctx, handover.id).find((s) => s.sectionId === input.sectionId);
  if (!section) {
    throw new ApiError(
      'not_found',
      `sectionId: the handover has no section ${input.sectionId}`,
      'sectionId',
    );
  }
  ctx.store.write((w) => w.update('handover_sections', section.id, { body: input.body }));
  const updated = readSections(ctx, handover.id).find((s) => s.id === section.id)!;
  return toSection(updated, templateGuidance(ctx));
}

export function setOwner(
  ctx: CoreContext,
  input: ParsedInput<'handover.setOwner'>,
): HandoverDocument {
  const handover = requireHandover(ctx, input.id);
  const can = permissions(ctx, handover);
  if (!can.isAuthor && !can.isManager) {
    refuse('choose the success owner of this handover', AUTHOR_OR_MANAGER);
  }
  if (!can.setOwner) wrongStatus(handover, 'given another owner');
  const user = getUser(ctx, input.userId);
  if (!user || !user.active) {
    throw new ApiError(
      'invalid_input',
      `userId: there is no active user with id ${input.userId}`,
      'userId',
    );
  }
  if (!OWNER_ROLES.has(user.role)) {
    throw new ApiError(
      'invalid_input',
      `userId: ${user.name} is a ${user.role}; choose someone in customer success, a manager or an admin`,
      'userId',
    );
  }
  ctx.store.write((w) => {
    w.update('handovers', handover.id, { success_owner_id: user.id });
    // Re-routed after submitting: the new owner hears of it, the old one no longer needs to.
    if (handover.status === 'submitted' && handover.successOwnerId !== user.id) {
      notify(w, `${submittedKey(handover.id, handover.currentVersion)}:${user.id}`, {
        ownerId: user.id,
        dealId: handover.dealId,
        title: `Handover to review: ${dealTitle(ctx, handover.dealId)}`,
        dueAt: ctx.now(),
      });
    }
  });
  return getHandover(ctx, handover.id);
}

export function submitHandover(
  ctx: CoreContext,
  input: ParsedInput<'handover.submit'>,
): HandoverDocument {
  const handover = requireHandover(ctx, input.id);
  const can = permissions(ctx, handover);
  if (!can.isAuthor && !can.isManager) refuse('submit this handover', AUTHOR_OR_MANAGER);
  if (!can.submit) wrongStatus(handover, 'submitted');
  const sections = readSections(ctx, handover.id);
  const missing = sections.filter((s) => s.required !== 0 && s.body.trim() === '');
  if (missing.length > 0) {
    throw new ApiError(
      'invalid_input',
      `sections: fill in the required ${missing.length === 1 ? 'section' : 'sections'} before submitting: ${missing.map((s) => s.title).join(', ')}`,
      'sections',
    );
  }
  if (!handover.successOwnerId) {
    throw new ApiError(
      'invalid_input',
      'successOwnerId: choose the success owner who receives the handover before submitting',
      'successOwnerId',
    );
  }
  const now = ctx.now();
  const me = can.me;
  const title = dealTitle(ctx, handover.dealId);
  ctx.store.write((w) => {
    const newest = w.get<{ n: number | null }>(
      'SELECT max(number) AS n FROM handover_versions WHERE handover_id = ?',
      handover.id,
    );
    const number = Math.max(handover.currentVersion, newest?.n ?? 0) + 1;
    const snapshot = sections.map(({ sectionId, title, body, required, position }) => ({
      sectionId,
      title,
      body,
      required: required !== 0,
      position,
    }));
    w.insert('handover_versions', {
      id: versionRowId(handover.id, number),
      handover_id: handover.id,
      number,
      submitted_by: me,
      submitted_at: now,
      sections: JSON.stringify(snapshot),
      created_at: now,
    });
    w.update('handovers', handover.id, {
      status: 'submitted',
      submitted_at: now,
      current_version: number,
      decided_at: null,
      decided_by: null,
    });
    notify(w, submittedKey(handover.id, number), {
      ownerId: handover.successOwnerId,
      dealId: handover.dealId,
      title:
        number === 1
          ? `Handover to review: ${title}`
          : `Handover resubmitted (version ${number}): ${title}`,
      dueAt: now,
    });
  });
  return getHandover(ctx, handover.id);
}

export function reviewHandover(
  ctx: CoreContext,
  input: ParsedInput<'handover.review'>,
): HandoverDocument {
  const handover = requireHandover(ctx, input.id);
  const can = permissions(ctx, handover);
  if (!can.isOwner && !can.isManager) refuse('review this handover', OWNER_OR_MANAGER);
  if (handover.status === 'in_review') return getHandover(ctx, handover.id);
  if (!can.review) wrongStatus(handover, 'opened for review');
  const now = ctx.now();
  ctx.store.write((w) => {
    w.update('handovers', handover.id, { status: 'in_review' });
    settleNotice(w, submittedKey(handover.id, handover.currentVersion), now);
  });
  return getHandover(ctx, handover.id);
}

function requireSectionId(
  ctx: CoreContext,
  handoverId: string,
  sectionId: string | null,
  field: string,
): void {
  if (sectionId === null) return;
  if (!readSections(ctx, handoverId).some((s) => s.sectionId === sectionId)) {
    throw new ApiError(
      'invalid_input',
      `${field}: the handover has no section ${sectionId}`,
      field,
    );
  }
}

export function commentOn(
  ctx: CoreContext,
  input: ParsedInput<'handover.comment'>,
): HandoverComment {
  const handover = requireHandover(ctx, input.id);
  const can = permissions(ctx, handover);
  if (!can.comment) {
    refuse('comment on this handover', 'its author, its success owner and managers');
  }
  requireSectionId(ctx, handover.id, input.sectionId, 'sectionId');
  const now = ctx.now();
  const id = ctx.store.write((w) =>
    w.insert('handover_comments', {
      id: ctx.newId(),
      handover_id: handover.id,
      section_id: input.sectionId,
      author_id: can.me,
      body: input.body,
      created_at: now,
    }),
  );
  return readComments(ctx, handover.id).find((c) => c.id === id)!;
}

export function resolveComment(
  ctx: CoreContext,
  input: ParsedInput<'handover.resolveComment'>,
): HandoverComment {
  const comment = getComment(ctx, input.commentId);
  const can = permissions(ctx, requireHandover(ctx, comment.handoverId));
  if (!can.comment) {
    refuse('resolve comments on this handover', 'its author, its success owner and managers');
  }
  ctx.store.write((w) =>
    w.update('handover_comments', comment.id, { resolved_at: input.resolved ? ctx.now() : null }),
  );
  const { handoverId: _handoverId, ...updated } = getComment(ctx, comment.id);
  return updated;
}

/** The customer's renewal: the account's date, or the won date plus the term of what was sold. */
export function renewalPlan(
  ctx: CoreContext,
  handoverId: string,
  dealId: string | null,
  soldText: string,
  now: number,
): { renewalAt: number; fromAccount: boolean; termMonths: number; accountId: string | null } {
  const row = dealId
    ? (ctx.store
        .prepare(
          `SELECT ${WON_AT} AS closedAt, a.id AS accountId, a.renewal_at AS renewalAt
             FROM deals d LEFT JOIN accounts a ON a.id = coalesce(
               (SELECT account_id FROM handovers WHERE id = ?), d.account_id)
            WHERE d.id = ?`,
        )
        .get(handoverId, dealId) as
        { closedAt: number | null; accountId: string | null; renewalAt: number | null } | undefined)
    : undefined;
  const termLine = soldText.split('\n').find((line) => /\bterm\b/i.test(line)) ?? '';
  const months = termMonths(termLine) ?? termMonths(soldText) ?? DEFAULT_TERM_MONTHS;
  if (row?.renewalAt != null) {
    return {
      renewalAt: row.renewalAt,
      fromAccount: true,
      termMonths: months,
      accountId: row.accountId,
    };
  }
  const start = new Date(row?.closedAt ?? now);
  start.setUTCMonth(start.getUTCMonth() + months);
  return {
    renewalAt: start.getTime(),
    fromAccount: false,
    termMonths: months,
    accountId: row?.accountId ?? null,
  };
}

/** The first stage of the Retention phase ("Onboarding"), by board order. */
function onboardingStage(ctx: CoreContext) {
  return listStages(ctx.store).find((s) => s.phaseId === 'retention' && s.kind === 'open');
}

export function decideHandover(
  ctx: CoreContext,
  input: ParsedInput<'handover.decide'>,
): HandoverDocument {
  const handover = requireHandover(ctx, input.id);
  const can = permissions(ctx, handover);
  if (!can.isOwner && !can.isManager) refuse('decide on this handover', OWNER_OR_MANAGER);
  if (!can.decide) wrongStatus(handover, 'decided on');
  const now = ctx.now();
  const title = dealTitle(ctx, handover.dealId);
  const version = handover.currentVersion;

  if (input.decision === 'requestChanges') {
    input.comments.forEach((c, i) =>
      requireSectionId(ctx, handover.id, c.sectionId, `comments[${i}].sectionId`),
    );
    const open = readComments(ctx, handover.id).filter((c) => c.resolvedAt === null);
    if (input.comments.length === 0 && open.length === 0) {
      throw new ApiError(
        'invalid_input',
        'comments: say what should change: add a comment on a section or on the whole handover',
        'comments',
      );
    }
    const sections = new Set(
      [...open, ...input.comments].flatMap((c) => (c.sectionId ? [c.sectionId] : [])),
    );
    ctx.store.write((w) => {
      for (const comment of input.comments) {
        w.insert('handover_comments', {
          id: ctx.newId(),
          handover_id: handover.id,
          section_id: comment.sectionId,
          author_id: can.me,
          body: comment.body,
          created_at: now,
        });
      }
      w.update('handovers', handover.id, {
        status: 'changes_requested',
        decided_at: now,
        decided_by: can.me,
      });
      recordDecision(w, handover.id, version, 'changes_requested', now, can.me);
      settleNotice(w, submittedKey(handover.id, version), now);
      // The deal is still in Won (Sales' phase): its follow-up date is left for the rep's device.
      notify(w, `${handover.id}:${version}:changes_requested`, {
        ownerId: handover.authorId ?? handover.dealOwnerId,
        dealId: handover.dealId,
        title:
          sections.size > 0
            ? `Changes requested on ${sections.size} ${sections.size === 1 ? 'section' : 'sections'}: ${title}`
            : `Changes requested on the handover: ${title}`,
        dueAt: now,
      });
    });
    return getHandover(ctx, handover.id);
  }

  const sold = readSections(ctx, handover.id).find((s) => s.sectionId === 'sold')?.body ?? '';
  const plan = renewalPlan(ctx, handover.id, handover.dealId, sold, now);
  const deal = handover.dealId
    ? (ctx.store
        .prepare(
          'SELECT id, stage_id AS stageId, close_reason AS closeReason FROM deals WHERE id = ? AND deleted_at IS NULL',
        )
        .get(handover.dealId) as
        { id: string; stageId: string; closeReason: string | null } | undefined)
    : undefined;
  const current = deal ? getStage(ctx.store, deal.stageId) : undefined;
  const onboarding = onboardingStage(ctx);
  const moves = deal && onboarding && !(current && CUSTOMER_PHASES.has(current.phaseId));
  const ownerId = handover.successOwnerId ?? can.me;
  const zone =
    (
      ctx.store.prepare('SELECT time_zone AS tz FROM team LIMIT 1').get() as
        { tz: string | null } | undefined
    )?.tz ?? 'UTC';
  const renewalDate = safeDate(plan.renewalAt, zone);

  ctx.store.write((w) => {
    if (moves) {
      // The deal first, then its history: the team server checks a success owner's stage move
      // against the phase the deal is in, which must already be Retention.
      const top = w.get<{ top: number | null }>(
        'SELECT min(position) AS top FROM deals WHERE stage_id = ? AND deleted_at IS NULL',
        onboarding.id,
      );
      w.update('deals', deal.id, {
        stage_id: onboarding.id,
        status: statusFor(onboarding.kind),
        closed_at: null,
        stage_entered_at: now,
        last_activity_at: now,
        position: (top?.top ?? 0) - 1,
      });
      recordStageMove(w, deal.id, deal.stageId, onboarding.id, now, can.me, ctx.newId());
    }
    // No renewal date on the account yet: the one worked out from the term becomes it, so the
    // renewals on the lifecycle dashboard count this customer.
    if (!plan.fromAccount && plan.accountId) {
      w.update('accounts', plan.accountId, { renewal_at: plan.renewalAt });
    }
    w.update('handovers', handover.id, { status: 'accepted', decided_at: now, decided_by: can.me });
    recordDecision(w, handover.id, version, 'accepted', now, can.me);
    settleNotice(w, submittedKey(handover.id, version), now);
    const renewalId = derivedId('handover-renewal', handover.id);
    const reminder = {
      deal_id: handover.dealId,
      owner_id: ownerId,
      due_at: Math.max(now, plan.renewalAt - RENEWAL_LEAD_DAYS * DAY),
      kind: 'task',
      title: `Renewal on ${renewalDate}: start the renewal conversation with ${title}`,
      status: 'open',
    };
    if (w.get('SELECT 1 AS x FROM follow_ups WHERE id = ?', renewalId)) {
      w.update('follow_ups', renewalId, reminder);
    } else w.insert('follow_ups', { id: renewalId, ...reminder, created_at: now });
    notify(w, `${handover.id}:${version}:accepted`, {
      ownerId: handover.authorId ?? handover.dealOwnerId,
      dealId: handover.dealId,
      title: `Handover accepted: ${title}`,
      dueAt: now,
    });
    if (moves || (current && CUSTOMER_PHASES.has(current.phaseId))) refreshDeal(w, handover.dealId);
  });
  return getHandover(ctx, handover.id);
}

function safeDate(ms: number, zone: string): string {
  try {
    return dateText(ms, zone);
  } catch {
    return dateText(ms, 'UTC');
  }
}

function recordDecision(
  w: Writer,
  handoverId: string,
  number: number,
  decision: 'accepted' | 'changes_requested',
  now: number,
  by: string | null,
): void {
  const id = versionRowId(handoverId, number);
  if (!w.get('SELECT 1 AS x FROM handover_versions WHERE id = ?', id)) return;
  w.update('handover_versions', id, { decision, decided_at: now, decided_by: by });
}
