import { ArrowLeft, CircleAlert, GitCompareArrows } from 'lucide-react';
import { useId } from 'react';
import type { SectionDiff } from '../../../shared/contract';
import { useApiQuery } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { foldUnchanged, listWords } from './handoverText';
import styles from './DiffView.module.css';

const STATUS_TEXT: Record<SectionDiff['status'], string> = {
  changed: 'Changed',
  added: 'New section',
  removed: 'Section removed',
  unchanged: 'Unchanged',
};

/** A comparison of two versions: `to` null is the text as it is now. */
export interface Comparison {
  from: number;
  to: number | null;
}

/** What changed between two versions, section by section: added lines green, removed red. */
export function DiffView({
  handoverId,
  versions,
  comparison,
  canCompareWithNow,
  onChange,
  onClose,
}: {
  handoverId: string;
  /** The submitted versions' numbers, newest first. */
  versions: number[];
  comparison: Comparison;
  /** Whether "now" differs from the latest version in a way worth offering (edits since). */
  canCompareWithNow: boolean;
  onChange: (next: Comparison) => void;
  onClose: () => void;
}) {
  const diff = useApiQuery('handover.diff', {
    id: handoverId,
    from: comparison.from,
    ...(comparison.to !== null ? { to: comparison.to } : {}),
  });
  const fromId = useId();
  const toId = useId();
  const changed = diff.data?.sections.filter((s) => s.status !== 'unchanged') ?? [];
  const unchanged = diff.data?.sections.filter((s) => s.status === 'unchanged') ?? [];
  const toLabel = comparison.to === null ? 'the text now' : `version ${comparison.to}`;

  return (
    <section className={styles.diff} aria-labelledby="handover-diff-title">
      <header className={styles.header}>
        <Button variant="ghost" size="sm" icon={<ArrowLeft />} onClick={onClose}>
          Back to the document
        </Button>
        <h2 id="handover-diff-title" className={styles.title}>
          <GitCompareArrows size={18} aria-hidden />
          Changes from version {comparison.from} to {toLabel}
        </h2>
        <div className={styles.pickers}>
          <label htmlFor={fromId}>From</label>
          <select
            id={fromId}
            value={comparison.from}
            onChange={(event) => {
              const from = Number(event.target.value);
              onChange({
                from,
                to: comparison.to !== null && comparison.to <= from ? null : comparison.to,
              });
            }}
          >
            {versions.map((n) => (
              <option key={n} value={n}>
                Version {n}
              </option>
            ))}
          </select>
          <label htmlFor={toId}>to</label>
          <select
            id={toId}
            value={comparison.to ?? 'now'}
            onChange={(event) =>
              onChange({
                from: comparison.from,
                to: event.target.value === 'now' ? null : Number(event.target.value),
              })
            }
          >
            {versions
              .filter((n) => n > comparison.from)
              .map((n) => (
                <option key={n} value={n}>
                  Version {n}
                </option>
              ))}
            {(canCompareWithNow || comparison.to === null) && (
              <option value="now">Now (unsubmitted)</option>
            )}
          </select>
        </div>
        <div className={styles.legend} aria-hidden>
          <span className={styles.legendAdded}>Added</span>
          <span className={styles.legendRemoved}>Removed</span>
        </div>
      </header>

      {diff.isError && !diff.data ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="These versions cannot be compared">
          {diff.error.message}
        </EmptyState>
      ) : !diff.data ? (
        <div aria-busy className={styles.loading}>
          <Skeleton height={120} />
          <Skeleton height={80} />
        </div>
      ) : (
        <>
          <p className={styles.summary} role="status">
            {changed.length === 0
              ? 'Nothing changed between these versions.'
              : `${changed.length} ${changed.length === 1 ? 'section' : 'sections'} changed` +
                (unchanged.length > 0
                  ? `; unchanged: ${listWords(unchanged.map((s) => s.title))}.`
                  : '.')}
          </p>
          {changed.map((section) => (
            <SectionChanges key={section.sectionId} section={section} />
          ))}
        </>
      )}
    </section>
  );
}

function SectionChanges({ section }: { section: SectionDiff }) {
  const titleId = useId();
  const added = section.lines.filter((l) => l.kind === 'added').length;
  const removed = section.lines.filter((l) => l.kind === 'removed').length;
  return (
    <article className={styles.section} aria-labelledby={titleId} data-status={section.status}>
      <header className={styles.sectionHeader}>
        <h3 id={titleId}>{section.title}</h3>
        <span className={styles.status}>{STATUS_TEXT[section.status]}</span>
        <span className={styles.counts}>
          <span className={styles.plus}>+{added}</span>
          <span className={styles.minus}>−{removed}</span>
        </span>
      </header>
      <ol className={styles.lines} aria-label={`Lines of ${section.title}`}>
        {foldUnchanged(section.lines).map((row, index) =>
          row.kind === 'gap' ? (
            <li key={index} className={styles.gap}>
              {row.count} unchanged lines
            </li>
          ) : (
            <li key={index} className={styles.line} data-kind={row.line.kind}>
              <span className={styles.sign} aria-hidden>
                {row.line.kind === 'added' ? '+' : row.line.kind === 'removed' ? '−' : ' '}
              </span>
              {row.line.kind !== 'same' && (
                <span className="visually-hidden">
                  {row.line.kind === 'added' ? 'Added: ' : 'Removed: '}
                </span>
              )}
              <span className={styles.text}>{row.line.text || ' '}</span>
            </li>
          ),
        )}
      </ol>
    </article>
  );
}
