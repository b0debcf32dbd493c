/**
 * `cockpit score FILE`: reads a transcript (any format the app imports) and scores it with the
 * local rules and the default config, without a database: what the call page shows, as text or
 * JSON. A file that cannot be read prints where it broke and exits with 1.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_SCORING_CONFIG } from '../shared/scoring/config';
import { scoreLocally } from '../shared/scoring/local';
import type {
  CallScore,
  ScoreDimension,
  Transcript,
  TranscriptFormat,
} from '../shared/scoring/types';
import { decodeText } from '../shared/text';
import {
  FORMAT_LABELS,
  TranscriptError,
  assignRep,
  parseTranscript,
  recogniseRep,
} from '../shared/transcripts';

export interface ScoreCommandOptions {
  file: string;
  format?: TranscriptFormat;
  json?: boolean;
  /** The rep: one of the file's speakers, or a name they introduce themselves with. */
  rep?: string;
}

type RepFoundBy = 'name' | 'introduction' | 'first-speaker' | 'option';

const FOUND_BY: Record<RepFoundBy, string> = {
  option: 'chosen with --rep',
  name: 'recognised by name',
  introduction: 'introduces themselves',
  'first-speaker': 'the first speaker; choose another with --rep NAME',
};

/** A clock position: `02:14`, `1:02:14`. */
function clock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(total / 3600);
  const rest = `${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

function value(dimension: ScoreDimension): string {
  const v = dimension.value;
  if (v === null) return 'not measured';
  switch (dimension.unit) {
    case 'percent':
      return `${Math.round(v * 100)}%`;
    case 'seconds':
      return v < 60
        ? `${Math.round(v * 10) / 10} s`
        : `${Math.floor(v / 60)} min ${Math.round(v % 60)} s`;
    case 'count':
      return String(Math.round(v));
    case 'perMinute':
      return `${Math.round(v * 10) / 10} / min`;
    case 'wpm':
      return `${Math.round(v)} wpm`;
    case 'score':
      return `${v > 0 ? '+' : ''}${v.toFixed(2)}`;
    case 'boolean':
      return v >= 0.5 ? 'yes' : 'no';
  }
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The transcript with its rep: the option's speaker or introduction, else recognised. */
function withRep(
  transcript: Transcript,
  rep: string | undefined,
): { transcript: Transcript; how: RepFoundBy } {
  if (rep === undefined) {
    const found = recogniseRep(transcript.segments, transcript.speakers, []);
    return { transcript: assignRep(transcript, found.speaker), how: found.how };
  }
  try {
    return { transcript: assignRep(transcript, rep), how: 'option' };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // Not a speaker's name: perhaps the name the rep goes by ("Sam" for "Speaker 0").
    const member = { name: rep, email: rep.includes('@') ? rep : '' };
    const found = recogniseRep(transcript.segments, transcript.speakers, [member]);
    if (found.how === 'first-speaker') {
      throw new RangeError(
        `--rep ${rep}: nobody of that name speaks or introduces themselves in this transcript (its speakers: ${transcript.speakers.join(', ')})`,
        { cause: error },
      );
    }
    return { transcript: assignRep(transcript, found.speaker), how: found.how };
  }
}

function describe(
  file: string,
  transcript: Transcript,
  how: RepFoundBy,
  score: CallScore,
): string[] {
  const length = transcript.segments.at(-1)?.end ?? 0;
  const lines = [
    `${basename(file)} · ${FORMAT_LABELS[transcript.format]} · ${transcript.segments.length} lines · ` +
      `${transcript.timed ? clock(length) : `about ${clock(length)} (no times in the file)`} · ` +
      `${transcript.speakers.length} ${transcript.speakers.length === 1 ? 'speaker' : 'speakers'}`,
    `Rep: ${transcript.repSpeaker ?? 'nobody'} (${FOUND_BY[how]})`,
    '',
    `Overall score: ${score.overall === null ? 'not scored (no speech)' : `${score.overall} / 100`}` +
      `  (local rules v${score.scorer.version}, default config v${score.configVersion})`,
    '',
  ];
  const labelWidth = Math.max(...score.dimensions.map((d) => d.label.length));
  const valueWidth = Math.max(...score.dimensions.map((d) => value(d).length));
  for (const dimension of score.dimensions) {
    const scored = dimension.score === null ? '—' : String(dimension.score);
    const counted = dimension.weight > 0 ? `weight ${dimension.weight}` : 'not counted';
    lines.push(
      `${dimension.label.padEnd(labelWidth)}  ${value(dimension).padEnd(valueWidth)}  ` +
        `score ${scored.padStart(3)}  (${counted})`,
    );
    lines.push(`    ${dimension.explanation}`);
    if (dimension.benchmark) {
      lines.push(`    Benchmark: ${dimension.benchmark.target} (${dimension.benchmark.source})`);
    }
    const evidence = dimension.evidence[0];
    if (evidence) {
      lines.push(
        `    ${clock(evidence.start)} ${evidence.speaker}: “${shorten(evidence.quote, 100)}”`,
      );
    }
  }
  lines.push('', score.tips.length > 0 ? 'Coaching tips' : 'No coaching tips: a good call.');
  score.tips.forEach((tip, i) => lines.push(`  ${i + 1}. ${tip}`));
  return lines;
}

/** Prints the score; returns the exit code (1 when the file cannot be read as a transcript). */
export function runScoreCommand(options: ScoreCommandOptions): number {
  let text: string;
  try {
    text = decodeText(readFileSync(options.file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (error as Error).message;
    console.error(`cockpit score: cannot read ${options.file}: ${why}`);
    return 1;
  }
  let result: { transcript: Transcript; how: RepFoundBy };
  try {
    const parsed = parseTranscript(text, { format: options.format, filename: options.file });
    result = withRep(parsed, options.rep);
  } catch (error) {
    if (error instanceof TranscriptError || error instanceof RangeError) {
      console.error(`cockpit score: ${basename(options.file)}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { transcript, how } = result;
  const score = scoreLocally(transcript, DEFAULT_SCORING_CONFIG);
  if (options.json) {
    const { segments, ...about } = transcript;
    const output = {
      file: basename(options.file),
      transcript: {
        ...about,
        repFoundBy: how,
        lines: segments.length,
        seconds: segments.at(-1)?.end ?? 0,
      },
      score: { ...score, dimensions: score.dimensions.map((d) => ({ ...d, source: 'local' })) },
    };
    console.log(JSON.stringify(output, null, 2));
  } else {
    console.log(describe(options.file, transcript, how, score).join('\n'));
  }
  return 0;
}
