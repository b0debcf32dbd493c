import { Briefcase, CircleAlert, FileSpreadsheet, UploadCloud, UsersRound } from 'lucide-react';
import { useId, useRef } from 'react';
import type { ImportKind } from '../../../shared/contract';
import { ExportButton } from './ExportButton';
import styles from './ImportPage.module.css';
import { ProgressBar } from './ProgressStep';

const KINDS: { kind: ImportKind; label: string; detail: string; icon: typeof Briefcase }[] = [
  {
    kind: 'deals',
    label: 'Deals',
    detail: 'With the accounts and contacts they name, created when missing',
    icon: Briefcase,
  },
  {
    kind: 'contacts',
    label: 'Contacts',
    detail: 'People with their company; known email addresses are updated',
    icon: UsersRound,
  },
];

export function ChooseStep({
  kind,
  onKind,
  onFile,
  uploading,
  error,
}: {
  kind: ImportKind;
  onKind: (kind: ImportKind) => void;
  onFile: (file: File) => void;
  uploading: { filename: string; share: number } | null;
  error?: string;
}) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const percent = Math.round((uploading?.share ?? 0) * 100);

  return (
    <div className={styles.chooseLayout}>
      <section className={styles.card} aria-labelledby={`${inputId}-what`}>
        <h2 id={`${inputId}-what`} className={styles.cardTitle}>
          What are you importing?
        </h2>
        <div role="radiogroup" aria-labelledby={`${inputId}-what`} className={styles.kinds}>
          {KINDS.map(({ kind: value, label, detail, icon: Icon }) => (
            <label key={value} className={styles.kind} data-checked={kind === value || undefined}>
              <input
                type="radio"
                name="import-kind"
                value={value}
                checked={kind === value}
                disabled={uploading !== null}
                onChange={() => onKind(value)}
              />
              <span className={styles.kindIcon} aria-hidden>
                <Icon size={18} />
              </span>
              <span>
                <span className={styles.kindLabel}>{label}</span>
                <span className={styles.kindDetail}>{detail}</span>
              </span>
            </label>
          ))}
        </div>

        <div className={styles.dropZone} data-busy={uploading !== null || undefined}>
          {uploading ? (
            <div className={styles.uploading}>
              <FileSpreadsheet size={28} aria-hidden className={styles.dropIcon} />
              <p className={styles.dropTitle}>
                {percent < 100
                  ? `Uploading ${uploading.filename}`
                  : `Reading ${uploading.filename}`}
              </p>
              <ProgressBar
                label={`Uploading ${uploading.filename}`}
                value={percent}
                detail={percent < 100 ? `${percent}%` : 'Recognising the columns…'}
              />
            </div>
          ) : (
            <>
              <UploadCloud size={32} aria-hidden className={styles.dropIcon} />
              <p className={styles.dropTitle}>Drop a CSV file anywhere on this page</p>
              <p className={styles.dropHint}>
                Exports from Pipedrive and HubSpot are recognised; Excel and Google Sheets files
                work when saved as CSV. Up to 64 MB.
              </p>
              <label htmlFor={inputId} className={styles.fileButton}>
                Choose a CSV file
              </label>
              <input
                ref={input}
                id={inputId}
                type="file"
                accept=".csv,.tsv,.txt,text/csv,text/plain"
                className="visually-hidden"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  // Cleared, so that choosing the same file again after a fix uploads it again.
                  event.target.value = '';
                  if (file) onFile(file);
                }}
              />
            </>
          )}
        </div>

        {error && (
          <div className={styles.alert} role="alert">
            <CircleAlert size={18} aria-hidden />
            <div>
              <p className={styles.alertTitle}>This file could not be read</p>
              <p>{error}</p>
            </div>
          </div>
        )}
      </section>

      <aside className={styles.side}>
        <section className={styles.card} aria-labelledby={`${inputId}-tips`}>
          <h2 id={`${inputId}-tips`} className={styles.cardTitle}>
            Before you import
          </h2>
          <ul className={styles.tips}>
            <li>The first line names the columns; each following line is one deal or person.</li>
            <li>Owners are matched to your team by email or name.</li>
            <li>Stages are matched by name; Pipedrive and HubSpot defaults are understood.</li>
            <li>Check the file first with a dry run: every problem is listed by line.</li>
            <li>Need a template? An export has the columns this import understands.</li>
          </ul>
        </section>
        <section className={styles.card} aria-labelledby={`${inputId}-export`}>
          <h2 id={`${inputId}-export`} className={styles.cardTitle}>
            Export
          </h2>
          <p className={styles.muted}>
            A CSV of everything, for a spreadsheet or a backup. It imports back as it is.
          </p>
          <div className={styles.exportButtons}>
            <ExportButton method="export.deals" input={{}} label="Export all deals" />
            <ExportButton method="export.contacts" input={{}} label="Export all contacts" />
          </div>
        </section>
      </aside>
    </div>
  );
}
