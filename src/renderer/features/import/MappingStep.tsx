import { ArrowLeft, CircleAlert, CircleCheck, Sparkles } from 'lucide-react';
import { useId, useMemo } from 'react';
import type { ImportField, ImportMapping, ImportPreview } from '../../../shared/contract';
import { Button } from '../../components/Button';
import { unmatchedReps, type CallRunOptions } from './callOptions';
import { CallSettings, useDialerReps } from './CallSettings';
import styles from './MappingStep.module.css';

export interface RunOptions {
  dryRun: boolean;
  allOrNothing: boolean;
}

const number = new Intl.NumberFormat();

const SOURCE_NOTE: Record<ImportPreview['source'], string | null> = {
  pipedrive: 'Recognised a Pipedrive export: its columns are matched for you.',
  hubspot: 'Recognised a HubSpot export: its columns are matched for you.',
  aircall: 'Recognised an Aircall call log: its columns are matched for you.',
  ringcentral: 'Recognised a RingCentral call log: its columns are matched for you.',
  dialpad: 'Recognised a Dialpad call log: its columns are matched for you.',
  generic: null,
};

/** A column's samples: its first few distinct values that are not blank. */
function samplesOf(preview: ImportPreview, column: number): string[] {
  const values = preview.sample.map((row) => row[column]?.trim() ?? '').filter(Boolean);
  return [...new Set(values)].slice(0, 3);
}

const NOUNS = {
  deals: ['deal', 'deals'],
  contacts: ['contact', 'contacts'],
  calls: ['call', 'calls'],
} as const;

/**
 * What is still missing before the file can run: a title for deals, a name for contacts, the
 * start for calls.
 */
export function missingRequired(preview: ImportPreview, mapping: ImportMapping): string | null {
  const mapped = new Set(Object.values(mapping));
  if (preview.kind === 'deals') {
    return mapped.has('title') ? null : 'Choose the column that holds each deal’s Title.';
  }
  if (preview.kind === 'calls') {
    return mapped.has('startedAt') ? null : 'Choose the column with the moment each call Started.';
  }
  return mapped.has('name') || mapped.has('firstName') || mapped.has('lastName')
    ? null
    : 'Choose the column with each person’s Full name, or their First name and Last name.';
}

/** Give a column a field; a field belongs to one column, so another column holding it lets go. */
export function assign(
  mapping: ImportMapping,
  header: string,
  field: ImportField | null,
): ImportMapping {
  const next: ImportMapping = {};
  for (const [key, value] of Object.entries(mapping)) {
    next[key] = field !== null && value === field ? null : value;
  }
  next[header] = field;
  return next;
}

export function MappingStep({
  preview,
  mapping,
  onMapping,
  options,
  onOptions,
  callOptions,
  onCallOptions,
  error,
  onBack,
  onRun,
}: {
  preview: ImportPreview;
  mapping: ImportMapping;
  onMapping: (mapping: ImportMapping) => void;
  options: RunOptions;
  onOptions: (options: RunOptions) => void;
  callOptions: CallRunOptions;
  onCallOptions: (options: CallRunOptions) => void;
  error?: string;
  onBack: () => void;
  onRun: () => void;
}) {
  const id = useId();
  const specs = useMemo(
    () => new Map(preview.fields.map((spec) => [spec.field, spec])),
    [preview.fields],
  );
  const missing = missingRequired(preview, mapping);
  const { column: repColumn, reps } = useDialerReps(preview, mapping);
  const leftOut = unmatchedReps(reps, callOptions.reps).reduce((sum, rep) => sum + rep.calls, 0);
  const mappedCount = Object.values(mapping).filter(Boolean).length;
  const noun = NOUNS[preview.kind][preview.rows === 1 ? 0 : 1];
  const note = SOURCE_NOTE[preview.source];
  const rows = number.format(preview.rows);

  return (
    <div className={styles.layout}>
      <section className={styles.card} aria-labelledby={`${id}-columns`}>
        <header className={styles.cardHeader}>
          <div>
            <h2 id={`${id}-columns`} className={styles.cardTitle}>
              Match the columns of {preview.filename}
            </h2>
            <p className={styles.muted}>
              {rows} {preview.rows === 1 ? 'row' : 'rows'} · {preview.headers.length} columns,{' '}
              {mappedCount} to import
            </p>
          </div>
          {note && (
            <p className={styles.recognised} role="note">
              <Sparkles size={15} aria-hidden />
              {note}
            </p>
          )}
        </header>

        <div className={styles.mappingTable} role="table" aria-label="Columns of the file">
          <div role="row" className={`${styles.mappingRow} ${styles.mappingHead}`}>
            <span role="columnheader">Column in your file</span>
            <span role="columnheader">Sample values</span>
            <span role="columnheader">Import as</span>
          </div>
          {preview.headers.map((header, column) => {
            const field = mapping[header] ?? null;
            const spec = field ? specs.get(field) : undefined;
            const samples = samplesOf(preview, column);
            return (
              <div
                role="row"
                key={header}
                className={styles.mappingRow}
                data-ignored={!field || undefined}
              >
                <span role="cell" className={styles.header}>
                  {header}
                </span>
                <span role="cell" className={styles.samples}>
                  {samples.length === 0 ? (
                    <span className={styles.empty}>empty in the first rows</span>
                  ) : (
                    samples.map((sample, i) => (
                      <span key={i} className={styles.sample} title={sample}>
                        {sample}
                      </span>
                    ))
                  )}
                </span>
                <span role="cell" className={styles.target}>
                  <select
                    aria-label={`Import “${header}” as`}
                    value={field ?? ''}
                    onChange={(event) =>
                      onMapping(
                        assign(mapping, header, (event.target.value || null) as ImportField | null),
                      )
                    }
                    className={styles.select}
                  >
                    <option value="">Don’t import</option>
                    {preview.fields.map((option) => (
                      <option key={option.field} value={option.field}>
                        {option.label}
                        {option.required ? ' (required)' : ''}
                      </option>
                    ))}
                  </select>
                  {spec && (
                    <span className={styles.hint} title={spec.hint}>
                      {spec.hint}
                    </span>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </section>

      {preview.kind === 'calls' && (
        <CallSettings
          preview={preview}
          mapping={mapping}
          options={callOptions}
          onOptions={onCallOptions}
        />
      )}

      <section className={styles.card} aria-labelledby={`${id}-preview`}>
        <header className={styles.cardHeader}>
          <h2 id={`${id}-preview`} className={styles.cardTitle}>
            Preview
          </h2>
          <p className={styles.muted}>
            The first {Math.min(preview.sample.length, preview.rows)} rows as they will be read
          </p>
        </header>
        <div className={styles.previewScroller}>
          <table className={styles.preview}>
            <thead>
              <tr>
                {preview.headers.map((header) => {
                  const field = mapping[header];
                  return (
                    <th key={header} scope="col" data-ignored={!field || undefined}>
                      <span className={styles.previewField}>
                        {field ? (specs.get(field)?.label ?? field) : 'Not imported'}
                      </span>
                      <span className={styles.previewHeader}>{header}</span>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row, index) => (
                <tr key={index}>
                  {preview.headers.map((header, column) => (
                    <td key={header} data-ignored={!mapping[header] || undefined}>
                      {row[column]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <footer className={styles.footer}>
        <div className={styles.options}>
          <label className={styles.option}>
            <input
              type="checkbox"
              checked={options.dryRun}
              onChange={(event) => onOptions({ ...options, dryRun: event.target.checked })}
            />
            <span>
              <span className={styles.optionLabel}>Dry run</span>
              <span className={styles.optionHint}>Check every row and report; write nothing</span>
            </span>
          </label>
          <label className={styles.option}>
            <input
              type="checkbox"
              checked={options.allOrNothing}
              onChange={(event) => onOptions({ ...options, allOrNothing: event.target.checked })}
            />
            <span>
              <span className={styles.optionLabel}>All or nothing</span>
              <span className={styles.optionHint}>Import nothing if any row has a problem</span>
            </span>
          </label>
        </div>
        <div className={styles.status}>
          {error ? (
            <p className={styles.error} role="alert">
              <CircleAlert size={16} aria-hidden />
              {error}
            </p>
          ) : missing ? (
            <p className={styles.warning} role="status">
              <CircleAlert size={16} aria-hidden />
              {missing}
            </p>
          ) : leftOut > 0 ? (
            <p className={styles.warning} role="status">
              <CircleAlert size={16} aria-hidden />
              {number.format(leftOut)} {leftOut === 1 ? 'call' : 'calls'} by someone in “{repColumn}
              ” who is not on your team will be left out
            </p>
          ) : (
            <p className={styles.ready}>
              <CircleCheck size={16} aria-hidden />
              Ready to {options.dryRun ? 'check' : 'import'}
            </p>
          )}
        </div>
        <div className={styles.actions}>
          <Button icon={<ArrowLeft />} onClick={onBack}>
            Choose another file
          </Button>
          <Button variant="primary" disabled={missing !== null} onClick={onRun}>
            {options.dryRun ? `Check ${rows} ${noun}` : `Import ${rows} ${noun}`}
          </Button>
        </div>
      </footer>
    </div>
  );
}
