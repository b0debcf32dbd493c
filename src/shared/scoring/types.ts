/**
 * Call transcripts and their scores (issue 7, DESIGN §3 "Call scoring"): the shapes every side
 * shares. Parsers (`transcripts/`) turn an import into a `Transcript`; a scorer turns a
 * transcript into a `CallScore`. Times are seconds from the start of the call.
 */

export type SpeakerRole = 'rep' | 'customer';

export interface TranscriptSegment {
  /** The speaker as the file names them ("Sam Rivera", "Speaker 1", "A"). */
  speaker: string;
  role: SpeakerRole;
  /** Seconds from the start of the call; `end >= start`. */
  start: number;
  end: number;
  text: string;
}

export type TranscriptFormat = 'deepgram' | 'assemblyai' | 'aws' | 'webvtt' | 'srt' | 'text';

export interface Transcript {
  format: TranscriptFormat;
  /** Every speaker, in order of first appearance. */
  speakers: string[];
  /** The speaker taken to be the rep (from the team's names and emails, or chosen by a person). */
  repSpeaker: string | null;
  /** False when the file had no times (plain text without stamps): times are then estimated. */
  timed: boolean;
  segments: TranscriptSegment[];
}

/** A moment of the call that shows why a number is what it is. */
export interface Evidence {
  start: number;
  end: number;
  speaker: string;
  quote: string;
  /** What this moment shows, when the quote alone does not say ("Price objection", "Rep's answer"). */
  note?: string;
}

export interface ScoreDimension {
  id: string;
  label: string;
  /** The measured value (a ratio, seconds, a count, a rate…), or null when it cannot be measured. */
  value: number | null;
  /** How to show the value: `percent` (0..1), `seconds`, `count`, `perMinute`, `wpm`, `score` (-1..1), `boolean` (0/1). */
  unit: 'percent' | 'seconds' | 'count' | 'perMinute' | 'wpm' | 'score' | 'boolean';
  /** 0..100 from the configured bands; null when not measured (left out of the overall). */
  score: number | null;
  weight: number;
  /** What it is judged against, and where that benchmark comes from. */
  benchmark: { target: string; source: string } | null;
  /** One sentence on what the value means for this call. */
  explanation: string;
  evidence: Evidence[];
}

export interface CallScore {
  /**
   * Weighted mean of the measured dimensions, 0..100; null when nothing weighted could be measured
   * (an empty transcript), so that such a call never drags an average down as a 0.
   */
  overall: number | null;
  dimensions: ScoreDimension[];
  /** Coaching tips, most useful first. */
  tips: string[];
  /** Which scorer produced it: the local rules, or a remote model (and which). */
  scorer: { kind: 'local' | 'remote'; name: string; version: string };
  /** The version of the scoring config it was computed with: a new version rescores. */
  configVersion: number;
  /** When the remote scorer failed and the local one stood in: why. */
  fallbackReason?: string;
}
