/**
 * Who talks and how they take turns: talk ratio, the longest rep monologue and customer story,
 * interactivity, patience and interruptions. All need times.
 */
import {
  type Call,
  type Segment,
  type Side,
  type Turn,
  clock,
  duration,
  percent,
  plural,
} from './call';
import { type Measured, MAX_EVIDENCE, unmeasured } from './catalog';
import type { DimensionId } from './config';
import { firstWords } from './text';
import type { Evidence } from './types';

const QUOTE_WORDS = 18;

/** Why a dimension cannot be measured on this call, or null when it can. */
export function missing(
  call: Call,
  id: DimensionId,
  what: string,
  needs: { times?: boolean; rep?: boolean; customer?: boolean },
): Measured | null {
  if (needs.times && !call.hasTimes) {
    return unmeasured(id, `The transcript has no times, so ${what} cannot be measured.`);
  }
  if (needs.rep && call.repWords === 0) {
    return unmeasured(
      id,
      `No speaker is marked as the rep, so ${what} cannot be measured; choose the rep on the call page.`,
    );
  }
  if (needs.customer && call.customerWords === 0) {
    return unmeasured(
      id,
      `Only the rep is heard in this transcript (a voicemail, or speakers that were not told apart), so ${what} cannot be measured.`,
    );
  }
  if (needs.times && needs.rep && call.repSeconds === 0) {
    return unmeasured(id, `The rep's lines have no length in time, so ${what} cannot be measured.`);
  }
  if (needs.times && needs.customer && call.customerSeconds === 0) {
    return unmeasured(
      id,
      `The customer's lines have no length in time, so ${what} cannot be measured.`,
    );
  }
  return null;
}

function quote(
  from: { start: number; end: number; speaker: string },
  text: string,
  note?: string,
): Evidence {
  return {
    start: from.start,
    end: from.end,
    speaker: from.speaker,
    quote: firstWords(text, QUOTE_WORDS),
    ...(note === undefined ? {} : { note }),
  };
}

export function talkRatio(call: Call): Measured {
  const why = missing(call, 'talkRatio', 'the talk ratio', {
    times: true,
    rep: true,
    customer: true,
  });
  if (why) return why;
  const rep = call.repSeconds;
  const customer = call.customerSeconds;
  const ratio = rep / (rep + customer);
  const longest = call.turns
    .filter((turn) => turn.side === 'rep')
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
    .slice(0, 3)
    .sort((a, b) => a.start - b.start)
    .map((turn) => quote(turn, turn.text, `Rep spoke for ${duration(turn.end - turn.start)}`));
  return {
    id: 'talkRatio',
    value: ratio,
    explanation: `The rep talked ${percent(ratio)} of the speech time (${duration(rep)} of ${duration(rep + customer)}); top reps talk about 43%.`,
    evidence: longest,
    tip:
      ratio > 0.43
        ? `You talked ${percent(ratio)} of the call; top reps talk about 43%. Ask one more open question after each answer and let the customer finish.`
        : `You talked only ${percent(ratio)} of the call; top reps talk about 43%. Summarise what you heard and say how you can help.`,
    praise: `Your talk ratio of ${percent(ratio)} is close to the 43% of top reps: keep listening that much.`,
  };
}

interface Run {
  speaker: string;
  start: number;
  end: number;
  first: Segment;
}

/**
 * The longest uninterrupted run of one speaker of a side: their segments merge across gaps under
 * the merge gap, and another speaker's backchannel ("mm-hmm", "right") does not end the run.
 */
function longestRun(call: Call, side: Side): Run | null {
  const { backchannelMaxWords, mergeGapSeconds } = call.config.rules;
  const lasting = call.lasting;
  const speakers = [...new Set(lasting.filter((s) => s.side === side).map((s) => s.speaker))];
  const runs: Run[] = [];
  for (const speaker of speakers) {
    let run: Run | null = null;
    for (const segment of lasting) {
      if (segment.speaker !== speaker) {
        if (segment.words <= backchannelMaxWords) continue;
        if (run !== null) runs.push(run);
        run = null;
      } else if (run !== null && segment.start - run.end < mergeGapSeconds) {
        run.end = Math.max(run.end, segment.end);
      } else {
        if (run !== null) runs.push(run);
        run = { speaker, start: segment.start, end: segment.end, first: segment };
      }
    }
    if (run !== null) runs.push(run);
  }
  // The first of equally long runs, so the same call always shows the same evidence.
  let best: Run | null = null;
  for (const run of runs) {
    if (
      best === null ||
      run.end - run.start > best.end - best.start ||
      (run.end - run.start === best.end - best.start && run.start < best.start)
    ) {
      best = run;
    }
  }
  return best;
}

export function longestMonologue(call: Call): Measured {
  const why = missing(call, 'longestMonologue', 'the longest monologue', {
    times: true,
    rep: true,
  });
  if (why) return why;
  const run = longestRun(call, 'rep')!;
  const seconds = run.end - run.start;
  return {
    id: 'longestMonologue',
    value: seconds,
    explanation: `The rep's longest uninterrupted stretch ran ${duration(seconds)}, from ${clock(run.start)} to ${clock(run.end)}${seconds > 150 ? '; past 2½ minutes customers stop listening' : ''}.`,
    evidence: [
      {
        ...quote(run.first, run.first.text, `Start of a ${duration(seconds)} monologue`),
        end: run.end,
      },
    ],
    tip: `Your longest monologue ran ${duration(seconds)} (from ${clock(run.start)}); keep explanations under 2½ minutes and check in with a question.`,
    praise: `You kept your longest monologue to ${duration(seconds)}: short enough to keep the customer with you.`,
  };
}

export function longestCustomerStory(call: Call): Measured {
  const why = missing(call, 'longestCustomerStory', "the customer's longest story", {
    times: true,
    customer: true,
  });
  if (why) return why;
  const run = longestRun(call, 'customer')!;
  const seconds = run.end - run.start;
  return {
    id: 'longestCustomerStory',
    value: seconds,
    explanation: `The customer's longest uninterrupted stretch ran ${duration(seconds)}, from ${clock(run.start)}; about 4 minutes goes with won deals.`,
    evidence: [
      {
        ...quote(run.first, run.first.text, `Start of a ${duration(seconds)} story`),
        end: run.end,
      },
    ],
    tip: `The customer's longest story lasted ${duration(seconds)}; winning calls have one of about 4 minutes. Ask "tell me more about that" and stay quiet until they finish.`,
    praise: `The customer told a ${duration(seconds)} story: you gave them room to talk.`,
  };
}

export function interactivity(call: Call): Measured {
  const why = missing(call, 'interactivity', 'interactivity', {
    times: true,
    rep: true,
    customer: true,
  });
  if (why) return why;
  let switches = 0;
  for (let i = 1; i < call.turns.length; i++) {
    if (call.turns[i]!.speaker !== call.turns[i - 1]!.speaker) switches++;
  }
  const perMinute = switches / (call.duration / 60);
  return {
    id: 'interactivity',
    value: perMinute,
    explanation: `The speaker changed ${plural(switches, 'time')} in ${duration(call.duration)}: ${perMinute.toFixed(1)} a minute.`,
    evidence: [],
    tip: `The conversation changed hands ${perMinute.toFixed(1)} times a minute; break long explanations with a question so it becomes a dialogue.`,
  };
}

interface Reply {
  customer: Turn;
  rep: Turn;
  /** Seconds from the customer's last word to the rep's first; negative for an interruption. */
  gap: number;
}

/**
 * Each customer turn (not a short "yes" or "right") and the rep turn right after it. Another
 * customer speaking first means the rep did not reply to that turn.
 */
function replies(call: Call): Reply[] {
  const { backchannelMaxWords } = call.config.rules;
  const out: Reply[] = [];
  const turns = call.turns;
  for (let i = 0; i + 1 < turns.length; i++) {
    const customer = turns[i]!;
    const next = turns[i + 1]!;
    if (customer.side !== 'customer' || customer.words <= backchannelMaxWords) continue;
    if (next.side === 'rep') out.push({ customer, rep: next, gap: next.start - customer.end });
  }
  return out;
}

export function patience(call: Call): Measured {
  const why = missing(call, 'patience', 'patience', { times: true, rep: true, customer: true });
  if (why) return why;
  const answered = replies(call).filter((reply) => reply.gap >= 0);
  if (answered.length === 0) {
    return unmeasured(
      'patience',
      'The rep never answered after the customer had finished, so there is no pause to measure.',
    );
  }
  const mean = answered.reduce((sum, reply) => sum + reply.gap, 0) / answered.length;
  const quickest = [...answered]
    .sort((a, b) => a.gap - b.gap || a.rep.start - b.rep.start)
    .slice(0, 5)
    .sort((a, b) => a.rep.start - b.rep.start)
    .map((reply) =>
      quote(
        reply.rep,
        reply.rep.text,
        `Answered ${reply.gap.toFixed(1)} s after the customer finished`,
      ),
    );
  return {
    id: 'patience',
    value: mean,
    explanation: `After the customer finished, the rep waited ${mean.toFixed(1)} s on average before answering (${plural(answered.length, 'answer')}); top reps pause about 1.5 s.`,
    evidence: quickest,
    tip:
      mean < 1.2
        ? `You answered ${mean.toFixed(1)} s after the customer stopped; top reps pause about 1.5 s, longer after an objection. Count to two before you reply.`
        : `You waited ${mean.toFixed(1)} s on average before answering; a pause of about 1.5 s is enough, longer ones can feel unprepared.`,
    praise: `You paused ${mean.toFixed(1)} s before answering, as top reps do.`,
  };
}

export function interruptions(call: Call): Measured {
  const why = missing(call, 'interruptions', 'interruptions', {
    times: true,
    rep: true,
    customer: true,
  });
  if (why) return why;
  const cut = replies(call).filter((reply) => reply.gap < 0);
  const evidence = cut
    .slice(0, MAX_EVIDENCE)
    .map((reply) =>
      quote(
        reply.rep,
        reply.rep.text,
        `Started ${(-reply.gap).toFixed(1)} s before the customer finished ("${firstWords(reply.customer.text.split(/\s+/).slice(-8).join(' '), 8)}")`,
      ),
    );
  return {
    id: 'interruptions',
    value: cut.length,
    explanation:
      cut.length === 0
        ? 'The rep never started talking before the customer had finished.'
        : `The rep started talking before the customer had finished ${plural(cut.length, 'time')}, first at ${clock(cut[0]!.rep.start)}.`,
    evidence,
    tip: `You started talking before the customer finished ${plural(cut.length, 'time')}; let them land the sentence, then pause.`,
  };
}
