import { Bot, Cpu, Info } from 'lucide-react';
import type { CallScoreOutput } from '../../../shared/contract/scoring';
import {
  bandGeometry,
  formatClock,
  formatDimensionValue,
  formatScore,
  scoreTone,
  shortQuote,
  targetText,
  TONE_WORDS,
} from './scoreText';
import styles from './DimensionRow.module.css';

type Dimension = CallScoreOutput['dimensions'][number];
export type Evidence = Dimension['evidence'][number];

/** Colours of a band's scores along the strip: red, amber, green by the score at each point. */
function toneColour(score: number): string {
  if (score >= 80) return 'var(--band-good)';
  if (score >= 50) return 'var(--band-fair)';
  return 'var(--band-low)';
}

function BandStrip({
  band,
  dimension,
}: {
  band: readonly [number, number][];
  dimension: Dimension;
}) {
  const geometry = bandGeometry(band, dimension.value);
  if (!geometry) return null;
  const gradient = geometry.stops
    .map((stop) => `${toneColour(stop.score)} ${(stop.at * 100).toFixed(1)}%`)
    .join(', ');
  const target = targetText(geometry.target, dimension.unit);
  const value = formatDimensionValue(dimension.value, dimension.unit);
  return (
    <div
      className={styles.band}
      role="img"
      aria-label={`${dimension.label}: ${value}${target ? `; the best score is for ${target}` : ''}`}
    >
      <div
        className={styles.strip}
        style={{ background: `linear-gradient(to right, ${gradient})` }}
      >
        {geometry.target && (
          <span
            className={styles.target}
            style={{
              left: `${geometry.target.from * 100}%`,
              width: `${Math.max(1.5, (geometry.target.to - geometry.target.from) * 100)}%`,
            }}
          />
        )}
        {geometry.marker !== null && (
          <span
            className={styles.marker}
            data-tone={scoreTone(dimension.score)}
            style={{ left: `${Math.min(100, Math.max(0, geometry.marker * 100))}%` }}
          >
            <span className={styles.markerLabel}>{value}</span>
          </span>
        )}
      </div>
      {target && <span className={styles.targetText}>Best: {target}</span>}
    </div>
  );
}

/**
 * One dimension of a call's score: what was measured, its 0–100 score, the band it is judged by
 * (when it has one), the benchmark and where it comes from, why, and the moments that show it.
 */
export function DimensionRow({
  dimension,
  band,
  onEvidence,
  activeEvidence,
  scorerName,
}: {
  dimension: Dimension;
  /** Who scored this dimension, when the call's dimensions were scored by more than one scorer. */
  scorerName?: string;
  band: readonly [number, number][] | undefined;
  onEvidence: (evidence: Evidence) => void;
  activeEvidence: Evidence | null;
}) {
  const tone = scoreTone(dimension.score);
  const headingId = `dimension-${dimension.id}`;
  return (
    <li className={styles.row} aria-labelledby={headingId} data-dimension={dimension.id}>
      <div className={styles.top}>
        <div className={styles.name}>
          <h3 id={headingId} className={styles.label}>
            {dimension.label}
          </h3>
          <span className={styles.weight} title="How much it counts in the overall score">
            {dimension.weight > 0 ? `×${dimension.weight}` : 'not counted'}
          </span>
          {scorerName && (
            <span
              className={styles.scoredBy}
              data-source={dimension.source}
              title={`This score comes from ${dimension.source === 'remote' ? `${scorerName} (remote)` : 'the local rules on this laptop'}`}
            >
              {dimension.source === 'remote' ? (
                <Bot size={11} aria-hidden />
              ) : (
                <Cpu size={11} aria-hidden />
              )}
              {scorerName}
            </span>
          )}
        </div>
        <span className={styles.value} data-measured={dimension.value !== null || undefined}>
          {formatDimensionValue(dimension.value, dimension.unit)}
        </span>
        <div
          className={styles.score}
          data-tone={tone}
          role="meter"
          aria-label={`${dimension.label} score`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={dimension.score ?? undefined}
          aria-valuetext={
            dimension.score === null
              ? 'not scored'
              : `${formatScore(dimension.score)} out of 100 (${TONE_WORDS[tone]})`
          }
        >
          <span className={styles.scoreTrack}>
            <span className={styles.scoreFill} style={{ width: `${dimension.score ?? 0}%` }} />
          </span>
          <span className={styles.scoreNumber}>{formatScore(dimension.score)}</span>
        </div>
      </div>
      {band && dimension.value !== null && <BandStrip band={band} dimension={dimension} />}
      <p className={styles.explanation}>{dimension.explanation}</p>
      {dimension.benchmark && (
        <p className={styles.benchmark}>
          <Info size={13} aria-hidden />
          <span>
            <span className={styles.benchmarkTarget}>{dimension.benchmark.target}</span>
            <span className={styles.source}>Source: {dimension.benchmark.source}</span>
          </span>
        </p>
      )}
      {dimension.evidence.length > 0 && (
        <ul className={styles.evidence} aria-label={`Evidence for ${dimension.label}`}>
          {dimension.evidence.slice(0, 8).map((evidence, index) => (
            <li key={`${evidence.start}-${index}`}>
              <button
                type="button"
                className={styles.chip}
                aria-pressed={activeEvidence === evidence}
                title={`${evidence.note ? `${evidence.note}: ` : ''}${evidence.speaker} at ${formatClock(evidence.start)}, “${evidence.quote}” (show it in the transcript)`}
                onClick={() => onEvidence(evidence)}
              >
                <span className={styles.chipTime}>{formatClock(evidence.start)}</span>
                {evidence.note && <span className={styles.chipNote}>{evidence.note}</span>}
                <span className={styles.chipQuote}>‘{shortQuote(evidence.quote)}’</span>
              </button>
            </li>
          ))}
          {dimension.evidence.length > 8 && (
            <li className={styles.more}>+{dimension.evidence.length - 8} more</li>
          )}
        </ul>
      )}
    </li>
  );
}
