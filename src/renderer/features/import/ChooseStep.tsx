import {
  Briefcase,
  CircleAlert,
  FileSpreadsheet,
  PhoneCall,
  UploadCloud,
  UsersRound,
} from 'lucide-react';
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
  {
    kind: 'calls',
    label: 'Call log (from your dialer)',
    detail:
      'Calls from Aircall, RingCentral, Dialpad or any phone system, on each contact and deal',
    icon: PhoneCall,
  },
];

const TIPS: Record<ImportKind, string[]> = {
  deals: [
    'The first line names the columns; each following line is one deal.',
    'Owners are matched to your team by email or name.',
    'Stages are matched by name; Pipedrive and HubSpot defaults are understood.',
    'Check the file first with a dry run: every problem is listed by line.',
    'Need a template? An export has the columns this import understands.',
  ],
  contacts: [
    'The first line names the columns; each following line is one person.',
    'Owners are matched to your team by email or name.',
    'A contact whose email is known already is updated, not added twice.',
    'Check the file first with a dry run: every problem is listed by line.',
    'Need a template? An export has the columns this import understands.',
  ],
  calls: [
    'Export the call history from your dialer as CSV: one line per call.',
    'Each call finds its contact by phone number, however it is written (+49, 0049, 030…), and goes on their newest open deal.',
    'Reps are matched by email or name; you say who the others are before importing.',
    'Choose the time zone the dialer wrote its times in; times with an offset keep it.',
    'Importing the same export again adds nothing: calls already here are skipped.',
  ],
};

const DROP_HINT: Record<ImportKind, string> = {
  deals: 'Exports from Pipedrive and HubSpot are recognised',
  contacts: 'Exports from Pipedrive and HubSpot are recognised',
  calls: 'Call logs from Aircall, RingCentral and Dialpad are recognised, other dialers’ too',
};

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
                {DROP_HINT[kind]}; Excel and Google Sheets files work when saved as CSV. Up to 64
                MB.
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
            {TIPS[kind].map((tip) => (
              <li key={tip}>{tip}</li>
            ))}
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
