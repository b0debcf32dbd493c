import type { SatisfactionKind, SatisfactionResponse } from '../../../shared/domain';

/** The scale of each survey: NPS asks 0–10, CSAT 1–5. */
export const SCALE: Record<SatisfactionKind, { min: number; max: number; label: string }> = {
  nps: { min: 0, max: 10, label: 'NPS' },
  csat: { min: 1, max: 5, label: 'CSAT' },
};

export type Sentiment = 'positive' | 'neutral' | 'negative';

/** NPS: promoters 9–10, passives 7–8, detractors 0–6. CSAT: 4–5 satisfied, 3 neutral, 1–2 not. */
export function sentimentOf(kind: SatisfactionKind, score: number): Sentiment {
  if (kind === 'nps') return score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative';
  return score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative';
}

export const SENTIMENT_WORDS: Record<SatisfactionKind, Record<Sentiment, string>> = {
  nps: { positive: 'Promoter', neutral: 'Passive', negative: 'Detractor' },
  csat: { positive: 'Satisfied', neutral: 'Neutral', negative: 'Unsatisfied' },
};

/** NPS reads as "+40" or "−12": the sign is the news. */
export function formatNps(nps: number): string {
  return nps > 0 ? `+${nps}` : nps < 0 ? `−${-nps}` : '0';
}

/** An NPS above 30 is good, below 0 is a warning; CSAT 4+ is good, under 3 a warning. */
export function scoreTone(kind: SatisfactionKind, value: number): Sentiment {
  if (kind === 'nps') return value >= 30 ? 'positive' : value >= 0 ? 'neutral' : 'negative';
  return value >= 4 ? 'positive' : value >= 3 ? 'neutral' : 'negative';
}

export interface MonthPoint {
  /** Start of the month, local time. */
  month: number;
  average: number;
  count: number;
}

/** Answers of one kind averaged per calendar month, oldest first: the chart's trend line. */
export function monthlyAverages(
  responses: readonly SatisfactionResponse[],
  kind: SatisfactionKind,
): MonthPoint[] {
  const months = new Map<number, { sum: number; count: number }>();
  for (const response of responses) {
    if (response.kind !== kind) continue;
    const d = new Date(response.answeredAt);
    const month = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
    const entry = months.get(month) ?? { sum: 0, count: 0 };
    entry.sum += response.score;
    entry.count += 1;
    months.set(month, entry);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a - b)
    .map(([month, { sum, count }]) => ({ month, average: sum / count, count }));
}
