/**
 * The remote scorer: an OpenAI-compatible chat-completions endpoint (OpenAI, Azure, a local
 * Ollama or LM Studio…) judges what rules cannot: how well objections were handled, how specific
 * the next step is, how good the discovery was. It runs on top of the local rules: the model's
 * scores replace only those semantic dimensions, every other number stays the local one, and each
 * dimension says which scorer produced it. Whatever goes wrong (timeout, HTTP error, an answer
 * that is not JSON or does not fit the rubric) the local score stands in and says why.
 */
import { z } from 'zod';
import type { CallScoreOutput } from '../../shared/contract/scoring';
import type { ScoringConfig } from '../../shared/scoring/config';
import { scoreLocally } from '../../shared/scoring/local';
import type { CallScore, Transcript, TranscriptSegment } from '../../shared/scoring/types';

/** Raise it when the rubric or the prompt changes what the model is asked. */
export const REMOTE_RUBRIC_VERSION = '1';

/**
 * Characters of transcript sent at most (about 12,000 tokens): an hour-long call is about
 * 55,000. A longer one keeps its first two thirds of the budget and its last third (where next
 * steps are set), and the prompt and the explanations say what was left out.
 */
export const DEFAULT_TRANSCRIPT_BUDGET = 48_000;

export interface RemoteScorerOptions {
  /** API base, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  endpoint: string;
  model: string;
  /** Sent as a bearer token; null for endpoints that need none (a local model server). */
  apiKey: string | null;
  timeoutMs: number;
  transcriptBudget?: number;
}

type Dimension = CallScoreOutput['dimensions'][number];

/** The rubric's dimensions, and the local dimension each one overrides (or adds). */
const SEMANTIC = {
  objectionHandling: { id: 'objectionsHandled' },
  nextStepSpecificity: { id: 'nextSteps' },
  discoveryQuality: { id: 'discoveryQuality' },
} as const;
type SemanticKey = keyof typeof SEMANTIC;
const SEMANTIC_KEYS = Object.keys(SEMANTIC) as SemanticKey[];

/**
 * Discovery quality has no local counterpart and no weight in the team's config yet: it is shown
 * next to the others but not counted in the overall.
 */
export const DISCOVERY_QUALITY_WEIGHT = 0;
export const DISCOVERY_QUALITY_LABEL = 'Discovery quality';

const MAX_TIPS = 5;
const MAX_REMOTE_TIPS = 3;
const MAX_EVIDENCE = 3;

const EvidenceAnswer = z.object({
  quote: z.string().trim().min(1).max(1_000),
  start: z.number().min(0),
  speaker: z.string(),
});
const DimensionAnswer = z.object({
  score: z.number().min(0).max(100).nullable(),
  explanation: z.string().trim().min(1).max(2_000),
  evidence: z.array(EvidenceAnswer).max(20),
});
const RubricAnswer = z.object({
  overall: z.number().min(0).max(100),
  dimensions: z.object({
    objectionHandling: DimensionAnswer,
    nextStepSpecificity: DimensionAnswer,
    discoveryQuality: DimensionAnswer,
  }),
  tips: z.array(z.string().trim().min(1).max(500)).max(10),
});
type RubricAnswer = z.infer<typeof RubricAnswer>;

const dimensionJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['score', 'explanation', 'evidence'],
  properties: {
    score: { type: ['number', 'null'], minimum: 0, maximum: 100 },
    explanation: { type: 'string' },
    evidence: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['quote', 'start', 'speaker'],
        properties: {
          quote: { type: 'string' },
          start: { type: 'number' },
          speaker: { type: 'string' },
        },
      },
    },
  },
};

/** The same rubric for the endpoint's structured output (strict mode: every field required). */
export const RUBRIC_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['overall', 'dimensions', 'tips'],
  properties: {
    overall: { type: 'number', minimum: 0, maximum: 100 },
    dimensions: {
      type: 'object',
      additionalProperties: false,
      required: SEMANTIC_KEYS,
      properties: Object.fromEntries(SEMANTIC_KEYS.map((key) => [key, dimensionJsonSchema])),
    },
    tips: { type: 'array', items: { type: 'string' } },
  },
};

const SYSTEM_PROMPT = `You are a sales coach scoring one recorded sales call. Judge only what the transcript shows.
Answer with JSON only, in this shape:
{"overall": 0-100, "dimensions": {"objectionHandling": D, "nextStepSpecificity": D, "discoveryQuality": D}, "tips": [string]}
where D is {"score": 0-100 or null, "explanation": one or two sentences, "evidence": [{"quote": exact words from the transcript, "start": the line's time in seconds, "speaker": the line's speaker}]}.
- objectionHandling: when the customer objects (price, timing, authority, an incumbent, no need), does the rep acknowledge it, ask to understand it and answer briefly with value? null if the customer raised no objection.
- nextStepSpecificity: does the call end with a concrete next step: who does what, and a date or time both agreed to? 0 if there is none.
- discoveryQuality: do the rep's questions uncover the customer's situation, pain, its impact, how they decide and their budget, with open questions and follow-ups? null if the call gave no room for discovery (a voicemail).
- overall: your overall judgement of the call, 0-100.
- tips: up to 3 specific, actionable coaching tips for the rep, most useful first.
Quote at most 3 short passages per dimension, copied exactly from the transcript.`;

/** `[12.3s] Sam Rivera (rep): …` per segment. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** An IBAN: two letters, two check digits, then groups of letters and digits. */
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
/** A run of digits with spaces, dots, dashes or brackets between them. */
const DIGITS = /(?:\+|\b00)?\d[\d ()./-]*\d/g;

/**
 * Contact and payment details said on a call are not the model's business: email addresses,
 * IBANs, and phone, card or account numbers (a `+`/`00` prefix, or nine digits or more — dates,
 * times and prices have fewer) leave the laptop as placeholders. Names stay: the rubric needs to
 * know who said what.
 */
export function redact(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(IBAN, '[account number]')
    .replace(DIGITS, (run) => {
      const digits = run.replace(/\D/g, '').length;
      return digits >= 9 || (/^(\+|00)/.test(run) && digits >= 7) ? '[number]' : run;
    });
}

function line(segment: TranscriptSegment): string {
  return `[${segment.start.toFixed(1)}s] ${segment.speaker}${segment.role === 'rep' ? ' (rep)' : ''}: ${redact(segment.text)}`;
}

function clock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The transcript as the model reads it, within `budget` characters: whole lines, the start of
 * the call and its end when it is too long, with a note of what was left out.
 */
export function transcriptForPrompt(
  transcript: Transcript,
  budget = DEFAULT_TRANSCRIPT_BUDGET,
): { text: string; omitted: string | null } {
  const lines = transcript.segments.map(line);
  const total = lines.reduce((sum, text) => sum + text.length + 1, 0);
  if (total <= budget) return { text: lines.join('\n'), omitted: null };
  let head = 0;
  let used = 0;
  while (head < lines.length && used + lines[head]!.length + 1 <= (budget * 2) / 3) {
    used += lines[head]!.length + 1;
    head++;
  }
  let tail = lines.length;
  while (tail > head && used + lines[tail - 1]!.length + 1 <= budget) {
    used += lines[tail - 1]!.length + 1;
    tail--;
  }
  const first = transcript.segments[head]!;
  const last = transcript.segments[tail - 1]!;
  const omitted = `${clock(first.start)}–${clock(last.end)} (${tail - head} lines) was left out to fit the model's budget`;
  return {
    text: [...lines.slice(0, head), `[… ${omitted} …]`, ...lines.slice(tail)].join('\n'),
    omitted,
  };
}

function userPrompt(transcript: Transcript, text: string, omitted: string | null): string {
  const notes = [
    transcript.repSpeaker
      ? `The rep is ${transcript.repSpeaker}.`
      : 'The rep is not known: judge the speaker who runs the call.',
    transcript.timed ? null : 'The file had no times: times are estimated from word counts.',
    omitted ? `The transcript is long: ${omitted}.` : null,
  ].filter(Boolean);
  return `${notes.join(' ')}\n\nTranscript:\n${text}`;
}

class RemoteFailure extends Error {}

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The model's quotes, placed on the segments that hold them (nearest its time when several
 * do). A quote found in no segment is left out: the page shows only what was said.
 */
function placeEvidence(
  transcript: Transcript,
  quotes: z.infer<typeof EvidenceAnswer>[],
): Dimension['evidence'] {
  const segments = transcript.segments.map((segment) => ({ segment, folded: fold(segment.text) }));
  const out: Dimension['evidence'] = [];
  for (const quote of quotes) {
    const wanted = fold(quote.quote);
    if (wanted === '') continue;
    let best: TranscriptSegment | null = null;
    for (const { segment, folded } of segments) {
      if (!folded.includes(wanted)) continue;
      if (!best || Math.abs(segment.start - quote.start) < Math.abs(best.start - quote.start))
        best = segment;
    }
    if (!best || out.some((e) => e.start === best.start && e.quote === quote.quote)) continue;
    out.push({ start: best.start, end: best.end, speaker: best.speaker, quote: quote.quote });
    if (out.length === MAX_EVIDENCE) break;
  }
  return out;
}

export function withSource(score: CallScore, source: 'local' | 'remote'): CallScoreOutput {
  return { ...score, dimensions: score.dimensions.map((d) => ({ ...d, source })) };
}

/** Weighted mean of the scored, weighted dimensions; null when there are none. */
export function overallOf(dimensions: Dimension[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const dimension of dimensions) {
    if (dimension.score === null || dimension.weight <= 0) continue;
    sum += dimension.score * dimension.weight;
    weights += dimension.weight;
  }
  return weights > 0 ? Math.round(sum / weights) : null;
}

/**
 * The model's judgement laid over the local score: its semantic dimensions (those it scored)
 * replace the local ones, discovery quality is added, the overall is the weighted mean again, and
 * its tips come first.
 */
export function mergeRemote(
  local: CallScoreOutput,
  answer: RubricAnswer,
  transcript: Transcript,
  model: string,
  omitted: string | null,
): CallScoreOutput {
  const suffix = omitted ? ` (Judged on part of the call: ${omitted}.)` : '';
  const dimensions = local.dimensions.map((dimension) => {
    const key = SEMANTIC_KEYS.find((k) => SEMANTIC[k].id === dimension.id);
    const judged = key ? answer.dimensions[key] : undefined;
    if (!judged || judged.score === null) return dimension;
    return {
      ...dimension,
      score: Math.round(judged.score),
      explanation: judged.explanation + suffix,
      evidence: placeEvidence(transcript, judged.evidence),
      source: 'remote' as const,
    };
  });
  const discovery = answer.dimensions.discoveryQuality;
  dimensions.push({
    id: SEMANTIC.discoveryQuality.id,
    label: DISCOVERY_QUALITY_LABEL,
    value: discovery.score === null ? null : discovery.score / 100,
    unit: 'percent',
    score: discovery.score === null ? null : Math.round(discovery.score),
    weight: DISCOVERY_QUALITY_WEIGHT,
    benchmark: {
      target:
        'Open questions that uncover the situation, pain, impact, decision process and budget',
      source: `Judged by ${model}; 11–14 questions per discovery call do best (Gong)`,
    },
    explanation: discovery.explanation + suffix,
    evidence: placeEvidence(transcript, discovery.evidence),
    source: 'remote',
  });
  const tips: string[] = [];
  for (const tip of [...answer.tips.slice(0, MAX_REMOTE_TIPS), ...local.tips]) {
    if (tips.length === MAX_TIPS) break;
    if (!tips.some((t) => fold(t) === fold(tip))) tips.push(tip);
  }
  return {
    overall: overallOf(dimensions),
    dimensions,
    tips,
    scorer: { kind: 'remote', name: model, version: REMOTE_RUBRIC_VERSION },
    configVersion: local.configVersion,
  };
}

/**
 * Fresh local dimensions with the model's dimensions of an earlier score laid over them (a new
 * config changes the rules and the weights, not what the model judged).
 */
export function mergeRemoteDimensions(local: Dimension[], previous: Dimension[]): Dimension[] {
  const judged = new Map(
    previous.filter((d) => d.source === 'remote').map((d) => [d.id, d] as const),
  );
  const merged = local.map((dimension) => {
    const remote = judged.get(dimension.id);
    return remote ? { ...remote, value: dimension.value, weight: dimension.weight } : dimension;
  });
  const known = new Set(local.map((d) => d.id));
  for (const [id, dimension] of judged) if (!known.has(id)) merged.push(dimension);
  return merged;
}

/** The error's message from an OpenAI-style error body, short and without the key. */
function errorDetail(body: string, apiKey: string | null): string {
  let message = body;
  try {
    const parsed = JSON.parse(body) as {
      error?: { message?: unknown } | string;
      message?: unknown;
    };
    const candidate =
      typeof parsed.error === 'string'
        ? parsed.error
        : (parsed.error?.message ?? parsed.message ?? body);
    message = typeof candidate === 'string' ? candidate : body;
  } catch {
    // not JSON: the body as it is
  }
  if (apiKey) message = message.replaceAll(apiKey, '…');
  message = message.replace(/\s+/g, ' ').trim();
  return message.length > 160 ? `${message.slice(0, 157)}…` : message;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not valid';
  return `${issue.path.join('.') || 'the answer'}: ${issue.message}`;
}

/** The model's rubric, or a RemoteFailure saying what went wrong in words a manager follows. */
async function askModel(
  transcript: Transcript,
  options: RemoteScorerOptions,
): Promise<{ answer: RubricAnswer; omitted: string | null }> {
  const { text, omitted } = transcriptForPrompt(transcript, options.transcriptBudget);
  const url = `${options.endpoint.replace(/\/+$/, '')}/chat/completions`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const seconds = Math.round(options.timeoutMs / 100) / 10;
  const post = async (responseFormat: object): Promise<{ response: Response; body: string }> => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        signal: controller.signal,
        // The key goes to the address it was entered for, not wherever a redirect points.
        redirect: 'error',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: userPrompt(transcript, text, omitted) },
          ],
          response_format: responseFormat,
        }),
      });
      return { response, body: await response.text() };
    } catch (error) {
      if (controller.signal.aborted) {
        throw new RemoteFailure(`the remote scorer did not answer within ${seconds} s`);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RemoteFailure(
        `the remote scorer could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`,
      );
    }
  };
  try {
    let { response, body } = await post({
      type: 'json_schema',
      json_schema: { name: 'call_score', strict: true, schema: RUBRIC_JSON_SCHEMA },
    });
    // Servers without structured outputs (older local model servers) refuse the schema: ask for
    // plain JSON mode instead; the rubric is in the prompt and the answer is checked all the same.
    if (response.status === 400 && /response_format|json_schema/i.test(body)) {
      ({ response, body } = await post({ type: 'json_object' }));
    }
    if (!response.ok) {
      const detail = errorDetail(body, options.apiKey);
      const what =
        response.status === 401 || response.status === 403
          ? 'refused the API key'
          : `answered with an error`;
      throw new RemoteFailure(
        `the remote scorer ${what} (HTTP ${response.status}${detail ? `: ${detail}` : ''})`,
      );
    }
    let content: unknown;
    try {
      const parsed = JSON.parse(body) as {
        choices?: { message?: { content?: unknown; refusal?: unknown } }[];
      };
      const message = parsed.choices?.[0]?.message;
      if (typeof message?.refusal === 'string' && message.refusal) {
        throw new RemoteFailure(`the model declined to score the call (${message.refusal})`);
      }
      content = message?.content;
    } catch (error) {
      if (error instanceof RemoteFailure) throw error;
      throw new RemoteFailure('the remote scorer’s answer is not JSON');
    }
    if (typeof content !== 'string') {
      throw new RemoteFailure(
        'the remote scorer’s answer has no message (choices[0].message.content)',
      );
    }
    let json: unknown;
    try {
      // Some models wrap JSON in a Markdown fence despite being asked not to.
      json = JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
    } catch {
      throw new RemoteFailure('the model’s answer is not JSON');
    }
    const checked = RubricAnswer.safeParse(json);
    if (!checked.success) {
      throw new RemoteFailure(
        `the model’s answer does not fit the rubric (${issueText(checked.error)})`,
      );
    }
    return { answer: checked.data, omitted };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Scores a call with the model on top of the local rules. Never throws for the endpoint's sake:
 * a failure gives the local score with `fallbackReason`. A call without speech is not sent.
 */
export async function scoreRemotely(
  transcript: Transcript,
  config: ScoringConfig,
  options: RemoteScorerOptions,
): Promise<CallScoreOutput> {
  const local = withSource(scoreLocally(transcript, config), 'local');
  if (!transcript.segments.some((segment) => segment.text.trim() !== '')) return local;
  try {
    const { answer, omitted } = await askModel(transcript, options);
    return mergeRemote(local, answer, transcript, options.model, omitted);
  } catch (error) {
    if (!(error instanceof RemoteFailure)) throw error;
    return { ...local, fallbackReason: error.message };
  }
}
