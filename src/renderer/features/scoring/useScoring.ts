import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CallDetail } from '../../../shared/contract/scoring';
import { useApiQuery } from '../../api';
import { DEFAULT_LOW_THRESHOLD } from './scoreText';

const DAY = 86_400_000;

/** Today's end and 30 days before, on whole days so that the query key holds for the day. */
function lastThirtyDays(now = Date.now()): { from: number; to: number } {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return { from: end.getTime() - 30 * DAY, to: end.getTime() };
}

/**
 * The team's low-score threshold (from the distribution, which carries it) and the calls of the
 * last 30 days scored under it, so that any list of calls can flag them.
 */
export function useLowScores(range?: { from: number; to: number }) {
  const days = useMemo(() => range ?? lastThirtyDays(), [range]);
  const query = useApiQuery('scores.distribution', days);
  const data = query.data;
  return useMemo(
    () => ({
      threshold: data?.lowThreshold ?? DEFAULT_LOW_THRESHOLD,
      lowByCall: new Map((data?.lowCalls ?? []).map((call) => [call.callId, call.overall])),
    }),
    [data],
  );
}

/** The bands of the current scoring config, by dimension id, to draw each dimension against. */
export function useBands(): Record<string, [number, number][]> {
  const settings = useApiQuery('scoring.settings', {});
  const bands = settings.data?.config.bands;
  return useMemo(() => {
    const out: Record<string, [number, number][]> = {};
    if (typeof bands !== 'object' || bands === null) return out;
    for (const [id, points] of Object.entries(bands as Record<string, unknown>)) {
      if (
        Array.isArray(points) &&
        points.every(
          (p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number',
        )
      ) {
        out[id] = points as [number, number][];
      }
    }
    return out;
  }, [bands]);
}

/** After a change the core answers with the whole call: put it where the page reads it. */
export function useSetCallDetail() {
  const client = useQueryClient();
  return (detail: CallDetail) => {
    client.setQueryData(['calls.get', { id: detail.id }], detail);
    // Trends, the distribution and the feed's flags include this call's score.
    void client.invalidateQueries({
      predicate: (query) => String(query.queryKey[0]).startsWith('scores.'),
    });
  };
}

/**
 * The dimensions that count in the score now (weight above 0), to pick strengths and weak spots
 * among; null until the settings are known.
 */
export function useCountedDimensions(): Set<string> | null {
  const settings = useApiQuery('scoring.settings', {});
  const weights = settings.data?.config.weights;
  return useMemo(() => {
    if (typeof weights !== 'object' || weights === null) return null;
    return new Set(
      Object.entries(weights as Record<string, unknown>)
        .filter(([, w]) => typeof w === 'number' && w > 0)
        .map(([id]) => id),
    );
  }, [weights]);
}
