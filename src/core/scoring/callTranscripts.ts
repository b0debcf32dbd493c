/**
 * A call's page (call, rep, deal, contact, transcript, score), and what changes it: importing a
 * transcript, naming the rep, scoring again. A rep changes their own calls; managers and admins
 * everyone's (the sync server checks the same per op).
 */
import { ApiError, type ParsedInput } from '../../shared/contract';
import type { CallDetail } from '../../shared/contract/scoring';
import type { Role } from '../../shared/domain';
import type { Transcript } from '../../shared/scoring/types';
import {
  TranscriptError,
  assignRep,
  findRepInTeam,
  parseTranscript,
  recogniseRep,
} from '../../shared/transcripts';
import { currentUserId, type CoreContext } from '../context';
import { getUser, listUsers } from '../team/team';
import {
  readScore,
  readTranscript,
  writeScore,
  writeTranscript,
  writeTranscriptRep,
  type RepFoundBy,
} from './records';
import { scoreWithTeamScorer } from './scoreCall';

const EVERYONE_S_CALLS: readonly Role[] = ['manager', 'admin'];

/**
 * A transcript travels to the other laptops as one op; the sync server takes 2 MB per push, so
 * the speech of one call is kept well under that, JSON and all (an hour of talk is about 55,000
 * characters).
 */
const MAX_SPEECH_CHARS = 600_000;

const DETAIL_COLUMNS = `c.id, c.deal_id AS dealId, c.contact_id AS contactId, c.rep_id AS repId,
  c.direction, c.phone, c.started_at AS startedAt, c.ended_at AS endedAt, c.disposition, c.notes,
  c.next_step AS nextStep, nullif(u.name, '') AS repName, nullif(d.title, '') AS dealTitle,
  nullif(trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')), '') AS contactName`;

type CallRow = Omit<CallDetail, 'transcript' | 'repFoundBy' | 'score' | 'scoredAt'>;

function readCall(ctx: CoreContext, id: string, field: string): CallRow {
  const row = ctx.store
    .prepare(
      `SELECT ${DETAIL_COLUMNS}
         FROM calls c
         LEFT JOIN users u ON u.id = c.rep_id
         LEFT JOIN deals d ON d.id = c.deal_id
         LEFT JOIN contacts k ON k.id = coalesce(c.contact_id, d.contact_id)
        WHERE c.id = ? AND c.deleted_at IS NULL`,
    )
    .get(id) as CallRow | undefined;
  if (!row) throw new ApiError('not_found', `there is no call with id ${id}`, field);
  return row;
}

export function getCallDetail(ctx: CoreContext, id: string, field = 'id'): CallDetail {
  const call = readCall(ctx, id, field);
  const transcript = readTranscript(ctx, id);
  const score = readScore(ctx, id);
  return {
    ...call,
    transcript: transcript?.transcript ?? null,
    repFoundBy: transcript?.repFoundBy ?? null,
    score: score?.score ?? null,
    scoredAt: score?.scoredAt ?? null,
  };
}

/** Refuses a change of someone else's call unless the signed-in person is a manager or admin. */
function requireCallEditor(ctx: CoreContext, call: CallRow, action: string): void {
  const me = currentUserId(ctx);
  const user = me ? getUser(ctx, me) : null;
  if (!user)
    throw new ApiError(
      'unauthorized',
      `sign in first: only the call's rep, managers and admins ${action} a call`,
    );
  if (EVERYONE_S_CALLS.includes(user.role) || call.repId === null || call.repId === me) return;
  throw new ApiError(
    'unauthorized',
    `only managers and admins ${action} someone else’s call; this one is ${call.repName ?? 'another rep'}’s`,
  );
}

/** Scores the transcript with the team's scorer and stores the score next to it. */
async function scoreAndStore(
  ctx: CoreContext,
  call: CallRow,
  transcript: Transcript,
): Promise<CallDetail> {
  const score = await scoreWithTeamScorer(ctx, transcript);
  ctx.store.write((w) => writeScore(w, call, score, ctx.now()));
  return getCallDetail(ctx, call.id);
}

/** The rep among the speakers: the call's own rep by name first, else the team's names. */
function findRep(
  ctx: CoreContext,
  call: CallRow,
  transcript: Transcript,
): { speaker: string | null; how: RepFoundBy } {
  const rep = call.repId ? getUser(ctx, call.repId) : null;
  const byCallRep = rep ? findRepInTeam(transcript.speakers, [rep]) : null;
  if (byCallRep) return { speaker: byCallRep, how: 'name' };
  const team = listUsers(ctx).map(({ name, email }) => ({ name, email }));
  return recogniseRep(transcript.segments, transcript.speakers, team);
}

export async function importTranscript(
  ctx: CoreContext,
  input: ParsedInput<'transcripts.import'>,
): Promise<CallDetail> {
  const call = readCall(ctx, input.callId, 'callId');
  requireCallEditor(ctx, call, 'attach a transcript to');
  let parsed: Transcript;
  try {
    parsed = parseTranscript(input.text, { format: input.format, filename: input.filename });
  } catch (error) {
    if (error instanceof TranscriptError)
      throw new ApiError('invalid_input', error.message, 'text');
    throw error;
  }
  const speech = parsed.segments.reduce((sum, segment) => sum + segment.text.length, 0);
  if (speech > MAX_SPEECH_CHARS) {
    throw new ApiError(
      'invalid_input',
      `the transcript holds ${speech.toLocaleString('en-US')} characters of speech; a call's ` +
        `transcript syncs up to ${MAX_SPEECH_CHARS.toLocaleString('en-US')} (about 10 hours of talk)`,
      'text',
    );
  }
  const rep = findRep(ctx, call, parsed);
  const transcript = assignRep(parsed, rep.speaker);
  // Kept before scoring: a slow or failing scorer never costs the person their import.
  ctx.store.write((w) => writeTranscript(w, call.id, { transcript, repFoundBy: rep.how }));
  return scoreAndStore(ctx, call, transcript);
}

function requireTranscript(ctx: CoreContext, callId: string) {
  const stored = readTranscript(ctx, callId);
  if (!stored) {
    throw new ApiError(
      'not_found',
      'this call has no transcript yet: import one to score it',
      'callId',
    );
  }
  return stored;
}

export async function setTranscriptRep(
  ctx: CoreContext,
  input: ParsedInput<'transcripts.setRep'>,
): Promise<CallDetail> {
  const call = readCall(ctx, input.callId, 'callId');
  requireCallEditor(ctx, call, 'change who the rep is on');
  const stored = requireTranscript(ctx, call.id);
  let transcript: Transcript;
  try {
    transcript = assignRep(stored.transcript, input.speaker);
  } catch (error) {
    if (error instanceof RangeError) throw new ApiError('invalid_input', error.message, 'speaker');
    throw error;
  }
  ctx.store.write((w) => writeTranscriptRep(w, call.id, transcript.repSpeaker, 'person'));
  return scoreAndStore(ctx, call, transcript);
}

export async function rescoreCall(ctx: CoreContext, id: string): Promise<CallDetail> {
  const call = readCall(ctx, id, 'id');
  requireCallEditor(ctx, call, 'rescore');
  const stored = readTranscript(ctx, call.id);
  if (!stored) {
    throw new ApiError(
      'not_found',
      'this call has no transcript yet: import one to score it',
      'id',
    );
  }
  return scoreAndStore(ctx, call, stored.transcript);
}
