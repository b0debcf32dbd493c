/**
 * Call transcripts and scores (issue 7). A transcript is imported onto a call; the call is scored
 * at once by the team's scorer (the local rules, or a remote model with the local rules standing
 * in when it fails); every score says which scorer made it.
 */
import { z } from 'zod';
import { Id, Timestamp } from '../domain';
import { Call } from './calls';
import { type MethodSpec } from './spec';

const Format = z.enum(['deepgram', 'assemblyai', 'aws', 'webvtt', 'srt', 'text']);

export const TranscriptSegment = z.object({
  speaker: z.string(),
  role: z.enum(['rep', 'customer']),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});

export const Transcript = z.object({
  format: Format,
  speakers: z.array(z.string()),
  repSpeaker: z.string().nullable(),
  timed: z.boolean(),
  segments: z.array(TranscriptSegment),
});

export const Evidence = z.object({
  start: z.number(),
  end: z.number(),
  speaker: z.string(),
  quote: z.string(),
  /** What this moment shows, when the quote alone does not say ("Price objection"). */
  note: z.string().optional(),
});

export const ScoreDimension = z.object({
  id: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.enum(['percent', 'seconds', 'count', 'perMinute', 'wpm', 'score', 'boolean']),
  score: z.number().nullable(),
  weight: z.number(),
  benchmark: z.object({ target: z.string(), source: z.string() }).nullable(),
  explanation: z.string(),
  evidence: z.array(Evidence),
  /**
   * Which scorer produced this dimension's score: the local rules, or the remote model (it judges
   * objection handling, next-step specificity and discovery quality; `scorer.name` names it).
   */
  source: z.enum(['local', 'remote']),
});

export const CallScore = z.object({
  /** Weighted mean of the scored dimensions; null when nothing could be measured (no speech). */
  overall: z.number().nullable(),
  dimensions: z.array(ScoreDimension),
  tips: z.array(z.string()),
  scorer: z.object({ kind: z.enum(['local', 'remote']), name: z.string(), version: z.string() }),
  configVersion: z.number().int(),
  fallbackReason: z.string().optional(),
});
export type CallScoreOutput = z.infer<typeof CallScore>;

/** A call with everything its page shows. */
export const CallDetail = Call.extend({
  repName: z.string().nullable(),
  dealTitle: z.string().nullable(),
  contactName: z.string().nullable(),
  transcript: Transcript.nullable(),
  /** How the rep was recognised in the transcript: a team name, an introduction, or a guess. */
  repFoundBy: z.enum(['name', 'introduction', 'first-speaker', 'person']).nullable(),
  score: CallScore.nullable(),
  scoredAt: Timestamp.nullable(),
});
export type CallDetail = z.infer<typeof CallDetail>;

/** The remote scorer, as the team set it up (its key never leaves the device that holds it). */
export const RemoteScorerSettings = z.object({
  enabled: z.boolean(),
  /** An OpenAI-compatible API base, e.g. `https://api.openai.com/v1`. */
  endpoint: z.string(),
  model: z.string(),
  timeoutMs: z.number().int(),
  /** Whether this device holds an API key (never the key itself). */
  hasKey: z.boolean(),
});

const Range = { from: Timestamp, to: Timestamp };
const rangeIsOrdered = (input: { from: number; to: number }) => input.to > input.from;
const RANGE_ERROR = { error: 'the range must end after it starts', path: ['to'] };

export const scoringContract = {
  'calls.get': {
    summary: 'A call with its deal, contact, rep, transcript and score.',
    input: z.strictObject({ id: Id }),
    output: CallDetail,
  },
  'transcripts.import': {
    summary:
      'Attach a transcript file (Deepgram, AssemblyAI, AWS Transcribe JSON, WebVTT, SRT or text) ' +
      'to a call and score it; the format is detected unless given.',
    input: z.strictObject({
      callId: Id,
      text: z.string().min(1, { error: 'the file is empty' }).max(20_000_000, {
        error: 'the file is larger than 20 MB; a transcript of a long call is under 2 MB',
      }),
      filename: z.string().max(500).optional(),
      format: Format.optional(),
    }),
    output: CallDetail,
  },
  'transcripts.setRep': {
    summary: 'Say which speaker of the transcript is the rep; the call is rescored.',
    input: z.strictObject({ callId: Id, speaker: z.string().min(1).max(200) }),
    output: CallDetail,
  },
  'calls.rescore': {
    summary: 'Score a call again (with the current config and scorer).',
    input: z.strictObject({ id: Id }),
    output: CallDetail,
  },
  'scoring.settings': {
    summary: 'The scoring config (bands, weights, lexicons, competitors) and the remote scorer.',
    input: z.strictObject({}),
    output: z.object({
      /** The config as JSON (see src/shared/scoring/config.ts), defaults filled in. */
      config: z.record(z.string(), z.unknown()),
      configVersion: z.number().int(),
      /** Fields of the stored config that could not be read and fell back to defaults. */
      problems: z.array(z.string()),
      remote: RemoteScorerSettings,
      canEdit: z.boolean(),
    }),
  },
  'scoring.update': {
    summary:
      'Change the scoring config (a new version rescores) or the remote scorer (managers and ' +
      'admins); the API key is kept on this device only, outside the synced database.',
    input: z.strictObject({
      config: z.record(z.string(), z.unknown()).optional(),
      remote: z
        .strictObject({
          enabled: z.boolean(),
          endpoint: z.url({ protocol: /^https?$/, error: 'the endpoint is an http(s) URL' }),
          model: z.string().trim().min(1).max(200),
          timeoutMs: z.number().int().min(1_000).max(120_000),
        })
        .optional(),
      /** A new API key for this device, or null to forget it. */
      apiKey: z.string().max(500).nullable().optional(),
    }),
    output: z.object({ configVersion: z.number().int(), rescored: z.number().int() }),
  },
  'scores.trend': {
    summary: 'A rep’s (or the team’s) average call score per week over a range.',
    input: z.strictObject({ ...Range, repId: Id.optional() }).refine(rangeIsOrdered, RANGE_ERROR),
    output: z.object({
      points: z.array(
        z.object({ at: Timestamp, calls: z.number().int(), average: z.number().nullable() }),
      ),
      average: z.number().nullable(),
      calls: z.number().int(),
      /** Average per dimension over the range, for the rep's strengths and weak spots. */
      dimensions: z.array(z.object({ id: z.string(), label: z.string(), average: z.number() })),
    }),
  },
  'scores.distribution': {
    summary: 'The team’s call scores over a range: a histogram and each rep’s average.',
    input: z.strictObject(Range).refine(rangeIsOrdered, RANGE_ERROR),
    output: z.object({
      /** Calls per band of 10 points: [0-10), [10-20) … [90-100]. */
      buckets: z.array(z.object({ from: z.number(), to: z.number(), calls: z.number().int() })),
      reps: z.array(
        z.object({
          repId: Id,
          repName: z.string(),
          calls: z.number().int(),
          average: z.number().nullable(),
          low: z.number().int(),
        }),
      ),
      /** The newest calls scored under the low-score threshold, for coaching. */
      lowCalls: z.array(
        z.object({
          callId: Id,
          repName: z.string().nullable(),
          dealTitle: z.string().nullable(),
          startedAt: Timestamp,
          overall: z.number(),
        }),
      ),
      lowThreshold: z.number(),
    }),
  },
} satisfies Record<string, MethodSpec>;
