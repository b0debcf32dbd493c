import { FileSpreadsheet } from 'lucide-react';
import type { ImportPreview, ImportProgress } from '../../../shared/contract';
import styles from './ImportPage.module.css';

const number = new Intl.NumberFormat();

const WRITING: Record<ImportPreview['kind'], string> = {
  deals: 'deals, accounts and contacts',
  contacts: 'contacts and accounts',
  calls: 'calls and their deals’ activity',
};

/** A determinate bar with its label for screen readers and a line of detail under it. */
export function ProgressBar({
  label,
  value,
  detail,
}: {
  label: string;
  /** Percent; null while there is nothing to measure yet. */
  value: number | null;
  detail: string;
}) {
  return (
    <div className={styles.progress}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={detail}
        className={styles.progressTrack}
        data-indeterminate={value === null || undefined}
      >
        <span className={styles.progressFill} style={{ width: `${value ?? 30}%` }} />
      </div>
      <p className={styles.progressDetail} aria-live="polite">
        {detail}
      </p>
    </div>
  );
}

function describe(
  progress: ImportProgress | null,
  kind: ImportPreview['kind'],
): [number | null, string] {
  if (!progress) return [null, 'Starting…'];
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  if (progress.phase === 'checking') {
    return [
      percent,
      `Checking rows: ${number.format(progress.done)} of ${number.format(progress.total)}`,
    ];
  }
  return [
    percent,
    `Writing ${WRITING[kind]}: ${number.format(progress.done)} of ${number.format(progress.total)}`,
  ];
}

export function ProgressStep({
  preview,
  progress,
  dryRun,
}: {
  preview: ImportPreview;
  progress: ImportProgress | null;
  dryRun: boolean;
}) {
  const [value, detail] = describe(progress, preview.kind);
  const action = dryRun ? 'Checking' : 'Importing';
  return (
    <section className={`${styles.card} ${styles.progressCard}`} aria-labelledby="import-running">
      <FileSpreadsheet size={32} aria-hidden className={styles.dropIcon} />
      <h2 id="import-running" className={styles.cardTitle}>
        {action} {preview.filename}
      </h2>
      <p className={styles.muted}>
        {number.format(preview.rows)} {preview.rows === 1 ? 'row' : 'rows'}; large files take a few
        seconds.
      </p>
      <ProgressBar label={`${action} ${preview.filename}`} value={value} detail={detail} />
    </section>
  );
}
