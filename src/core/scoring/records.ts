/**
 * The rows of a call's transcript and score (`call_transcripts`, `call_scores`, both keyed by the
 * call's id) to and from what the contract carries. JSON columns arrive by sync, possibly from
 * another app version: a value that cannot be read is treated as absent, never thrown.
 */
import {
  ScoreDimension,
  type CallDetail,
  type CallScoreOutput,
} from '../../shared/contract/scoring';
import type { Transcript, TranscriptFormat } from '../../shared/scoring/types';
import type { CoreContext } from '../context';
import type { Writer } from '../store/writePath';

export type RepFoundBy = NonNullable<CallDetail['repFoundBy']>;
const REP_FOUND_BY: readonly RepFoundBy[] = ['name', 'introduction', 'first-speaker', 'person'];
const FORMATS: readonly TranscriptFormat[] = [
  'deepgram',
  'assemblyai',
  'aws',
  'webvtt',
  'srt',
  'text',
];

export interface StoredTranscript {
  transcript: Transcript;
  repFoundBy: RepFoundBy | null;
}

interface TranscriptRow {
  format: string | null;
  speakers: string | null;
  rep_speaker: string | null;
  rep_found_by: string | null;
  timed: number;
  segments: string | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isSegment = (
  value: unknown,
): value is { speaker: string; start: number; end: number; text: string } => {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.speaker === 'string' &&
    typeof s.start === 'number' &&
    typeof s.end === 'number' &&
    typeof s.text === 'string'
  );
};

export function readTranscript(ctx: CoreContext, callId: string): StoredTranscript | null {
  const row = ctx.store
    .prepare(
      `SELECT format, speakers, rep_speaker, rep_found_by, timed, segments
         FROM call_transcripts WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(callId) as TranscriptRow | undefined;
  if (!row) return null;
  const segments = parseJson(row.segments);
  const speakers = parseJson(row.speakers);
  if (!Array.isArray(segments) || !segments.every(isSegment)) return null;
  const format = FORMATS.find((f) => f === row.format);
  if (!format) return null;
  const rep = row.rep_speaker;
  const order = [...new Set(segments.map((segment) => segment.speaker))];
  return {
    transcript: {
      format,
      speakers:
        Array.isArray(speakers) && speakers.every((s) => typeof s === 'string')
          ? (speakers as string[])
          : order,
      repSpeaker: rep !== null && order.includes(rep) ? rep : null,
      timed: row.timed !== 0,
      segments: segments.map((segment) => ({
        speaker: segment.speaker,
        role: segment.speaker === rep ? 'rep' : 'customer',
        start: segment.start,
        end: segment.end,
        text: segment.text,
      })),
    },
    repFoundBy: REP_FOUND_BY.find((how) => how === row.rep_found_by) ?? null,
  };
}

/** Inserts or replaces the call's transcript (segments without their role: it follows the rep). */
export function writeTranscript(
  w: Writer,
  callId: string,
  stored: StoredTranscript,
  /** When a new row says it was made (the demo data's own clock); now by default. */
  createdAt?: number,
): void {
  const { transcript } = stored;
  const fields = {
    format: transcript.format,
    speakers: JSON.stringify(transcript.speakers),
    rep_speaker: transcript.repSpeaker,
    rep_found_by: stored.repFoundBy,
    timed: transcript.timed ? 1 : 0,
    segments: JSON.stringify(
      transcript.segments.map(({ speaker, start, end, text }) => ({ speaker, start, end, text })),
    ),
  };
  upsert(w, 'call_transcripts', callId, fields, createdAt);
}

/** Only the rep changes: the segments stay as they are (no need to send them again). */
export function writeTranscriptRep(
  w: Writer,
  callId: string,
  repSpeaker: string | null,
  repFoundBy: RepFoundBy,
): void {
  w.update('call_transcripts', callId, { rep_speaker: repSpeaker, rep_found_by: repFoundBy });
}

function upsert(
  w: Writer,
  table: 'call_transcripts' | 'call_scores',
  id: string,
  fields: Record<string, string | number | null>,
  createdAt?: number,
): void {
  const exists = w.get<{ id: string }>(`SELECT id FROM ${table} WHERE id = ?`, id);
  if (exists) w.update(table, id, { ...fields, deleted_at: null });
  else
    w.insert(table, {
      id,
      ...fields,
      ...(createdAt === undefined ? {} : { created_at: createdAt }),
    });
}

interface ScoreRow {
  overall: number | null;
  dimensions: string | null;
  tips: string | null;
  scorer_kind: string;
  scorer_name: string | null;
  scorer_version: string | null;
  config_version: number;
  fallback_reason: string | null;
  scored_at: number | null;
}

export interface StoredScore {
  score: CallScoreOutput;
  scoredAt: number | null;
}

/** A dimension as stored (rows from before scores named their scorer per dimension lack it). */
const StoredDimension = ScoreDimension.partial({ source: true });

const SCORE_COLUMNS = `overall, dimensions, tips, scorer_kind, scorer_name, scorer_version,
  config_version, fallback_reason, scored_at`;

function toScore(row: ScoreRow): StoredScore | null {
  const dimensions = parseJson(row.dimensions);
  const tips = parseJson(row.tips);
  if (!Array.isArray(dimensions)) return null;
  const kind = row.scorer_kind === 'remote' ? 'remote' : 'local';
  return {
    score: {
      overall: row.overall,
      // A synced row is another laptop's word: dimensions that are not well formed are left out
      // rather than failing the call's page (and every rescoring run after it).
      dimensions: dimensions.flatMap((raw) => {
        const parsed = StoredDimension.safeParse(raw);
        if (!parsed.success) return [];
        const dimension = parsed.data;
        return [{ ...dimension, source: dimension.source === 'remote' ? 'remote' : 'local' }];
      }),
      tips: Array.isArray(tips) ? tips.filter((tip) => typeof tip === 'string') : [],
      scorer: { kind, name: row.scorer_name ?? '', version: row.scorer_version ?? '' },
      configVersion: row.config_version,
      ...(row.fallback_reason !== null ? { fallbackReason: row.fallback_reason } : {}),
    },
    scoredAt: row.scored_at,
  };
}

export function readScore(ctx: CoreContext, callId: string): StoredScore | null {
  const row = ctx.store
    .prepare(`SELECT ${SCORE_COLUMNS} FROM call_scores WHERE id = ? AND deleted_at IS NULL`)
    .get(callId) as ScoreRow | undefined;
  return row ? toScore(row) : null;
}

/** The score as a writer inside a transaction sees it (for rescoring in slices). */
export function readScoreIn(w: Writer, callId: string): StoredScore | null {
  const row = w.get<ScoreRow>(
    `SELECT ${SCORE_COLUMNS} FROM call_scores WHERE id = ? AND deleted_at IS NULL`,
    callId,
  );
  return row ? toScore(row) : null;
}

export function writeScore(
  w: Writer,
  call: { id: string; repId: string | null; startedAt: number },
  score: CallScoreOutput,
  scoredAt: number,
  createdAt?: number,
): void {
  upsert(
    w,
    'call_scores',
    call.id,
    {
      rep_id: call.repId,
      call_started_at: call.startedAt,
      overall: score.overall,
      dimensions: JSON.stringify(score.dimensions),
      // What trends average, read from an index (see migration 11).
      dimension_scores: JSON.stringify(
        Object.fromEntries(
          score.dimensions.filter((d) => d.score !== null).map((d) => [d.id, d.score]),
        ),
      ),
      tips: JSON.stringify(score.tips),
      scorer_kind: score.scorer.kind,
      scorer_name: score.scorer.name,
      scorer_version: score.scorer.version,
      config_version: score.configVersion,
      fallback_reason: score.fallbackReason ?? null,
      scored_at: scoredAt,
    },
    createdAt,
  );
}
