import Papa from 'papaparse';
import { CircleAlert, CircleCheck, Download, FileSearch, RotateCcw, Upload } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportPreview, ImportReport } from '../../../shared/contract';
import { Button } from '../../components/Button';
import { downloadText } from './ExportButton';
import type { RunOptions } from './MappingStep';
import styles from './ReportStep.module.css';

const number = new Intl.NumberFormat();
const PAGE = 100;

const NOUNS = {
  deals: ['deal', 'deals'],
  contacts: ['contact', 'contacts'],
  calls: ['call', 'calls'],
} as const;

const count = (value: number, [one, many]: readonly [string, string]) =>
  `${number.format(value)} ${value === 1 ? one : many}`;

/** The errors as a spreadsheet the person can work through: line, column, problem. */
function errorsCsv(report: ImportReport): string {
  return Papa.unparse(
    {
      fields: ['Line', 'Column', 'Problem'],
      data: report.errors.map((e) => [e.line, e.column ?? '', e.message]),
    },
    { newline: '\r\n' },
  );
}

/** What happened to the calls beyond their number: matched by phone, and already here. */
function callDetail(report: ImportReport): string {
  const parts = [
    `${number.format(report.matchedContacts)} matched to a contact by phone number, ${number.format(report.matchedDeals)} to an open deal`,
  ];
  if (report.duplicates > 0) {
    parts.push(
      `${count(report.duplicates, ['call', 'calls'])} already here ${report.committed ? (report.duplicates === 1 ? 'was' : 'were') : 'will be'} skipped`,
    );
  }
  return `${parts.join('; ')}.`;
}

function headline(report: ImportReport): {
  tone: 'success' | 'warning' | 'danger';
  title: string;
  text: string;
} {
  const noun = NOUNS[report.kind];
  const good = report.total - report.failed;
  const problems = count(report.failed, ['row has a problem', 'rows have problems']);
  const calls = report.kind === 'calls';
  if (report.allOrNothing && report.failed > 0) {
    return {
      tone: 'danger',
      title: 'Nothing was imported',
      text: `${problems}, and you asked for all or nothing. Fix them and import the file again, or import the ${number.format(good)} good rows now.`,
    };
  }
  if (report.dryRun) {
    return {
      tone: report.failed > 0 ? 'warning' : 'success',
      title: `Checked: ${count(report.created + report.updated, noun)} ready to import`,
      text: [
        calls ? callDetail(report) : '',
        report.failed > 0
          ? `${problems}; they are listed below. Nothing was written.`
          : 'Every row is fine. Nothing was written yet.',
      ]
        .filter(Boolean)
        .join(' '),
    };
  }
  if (calls && report.created === 0 && report.duplicates > 0 && report.failed === 0) {
    return {
      tone: 'success',
      title: 'Nothing new to import',
      text: `${count(report.duplicates, ['call of this file was', 'calls of this file were'])} imported before; none was added twice.`,
    };
  }
  return {
    tone: report.failed > 0 ? 'warning' : 'success',
    title: `Imported ${count(report.created + report.updated, noun)}`,
    text: [
      calls ? callDetail(report) : '',
      report.failed > 0
        ? `${problems} and ${report.failed === 1 ? 'was' : 'were'} left out; they are listed below.`
        : report.seconds >= 0.1
          ? `Every row arrived, in ${report.seconds.toFixed(1)} s.`
          : 'Every row arrived.',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

function statsOf(report: ImportReport): [string, number][] {
  const noun = NOUNS[report.kind];
  const verb = report.committed ? '' : 'would be ';
  const Noun = `${noun[1][0]!.toUpperCase()}${noun[1].slice(1)}`;
  switch (report.kind) {
    case 'deals':
      return [
        [`${Noun} ${verb}created`, report.created],
        ['Rows left out', report.failed],
        [`New accounts`, report.createdAccounts],
        ['New contacts', report.createdContacts],
      ];
    case 'contacts':
      return [
        [`${Noun} ${verb}created`, report.created],
        [`${Noun} ${verb}updated`, report.updated],
        ['Rows left out', report.failed],
        ['New accounts', report.createdAccounts],
      ];
    case 'calls':
      return [
        [`${Noun} ${verb}imported`, report.created],
        ['Matched to a contact', report.matchedContacts],
        ['On an open deal', report.matchedDeals],
        ['Already here, skipped', report.duplicates],
        ['Rows left out', report.failed],
      ];
  }
}

const OPEN_LINK: Record<ImportReport['kind'], { to: string; label: string }> = {
  deals: { to: '/deals', label: 'Open deals' },
  contacts: { to: '/contacts', label: 'Open contacts' },
  calls: { to: '/dashboard', label: 'Open the activity dashboard' },
};

export function ReportStep({
  preview,
  report,
  onRun,
  onEditMapping,
  onStartOver,
}: {
  preview: ImportPreview;
  report: ImportReport;
  onRun: (options: RunOptions) => void;
  onEditMapping: () => void;
  onStartOver: () => void;
}) {
  const [shown, setShown] = useState(PAGE);
  const { tone, title, text } = headline(report);
  const noun = NOUNS[report.kind];
  const Icon = tone === 'success' ? CircleCheck : CircleAlert;
  const stats = statsOf(report);
  const open = OPEN_LINK[report.kind];
  const blocked = report.allOrNothing && report.failed > 0;
  const stem = preview.filename.replace(/\.[^.]+$/, '');

  return (
    <div className={styles.layout}>
      <section className={styles.summary} data-tone={tone} aria-labelledby="import-result">
        <span className={styles.summaryIcon} aria-hidden>
          <Icon size={22} />
        </span>
        <div className={styles.summaryText}>
          <h2 id="import-result">{title}</h2>
          <p>{text}</p>
        </div>
        <div className={styles.summaryActions}>
          {!report.committed && report.dryRun && !blocked && (
            <Button
              variant="primary"
              icon={<Upload />}
              onClick={() => onRun({ dryRun: false, allOrNothing: report.allOrNothing })}
            >
              Import {count(report.created + report.updated, noun)} now
            </Button>
          )}
          {blocked && (
            <Button
              variant="primary"
              icon={<Upload />}
              onClick={() => onRun({ dryRun: report.dryRun, allOrNothing: false })}
            >
              {report.dryRun ? 'Check without all or nothing' : 'Import the good rows'}
            </Button>
          )}
          {report.committed && (
            <Link className={styles.link} to={open.to}>
              {open.label}
            </Link>
          )}
        </div>
      </section>

      <dl className={styles.stats}>
        {stats.map(([label, value]) => (
          <div
            key={label}
            className={styles.stat}
            data-zero={value === 0 || undefined}
            data-tone={label === 'Rows left out' && value > 0 ? 'warning' : undefined}
          >
            <dt>{label}</dt>
            <dd>{number.format(value)}</dd>
          </div>
        ))}
      </dl>

      {report.errors.length > 0 && (
        <section className={styles.card} aria-labelledby="import-problems">
          <header className={styles.cardHeader}>
            <div>
              <h2 id="import-problems" className={styles.cardTitle}>
                {count(report.errors.length, ['problem', 'problems'])} in{' '}
                {count(report.failed, ['row', 'rows'])}
              </h2>
              <p className={styles.muted}>
                Line numbers are those of {preview.filename}, its header being line 1.
              </p>
            </div>
            <Button
              icon={<Download />}
              onClick={() => downloadText(`${stem}-problems.csv`, errorsCsv(report))}
            >
              Download errors as CSV
            </Button>
          </header>
          <div className={styles.scroller}>
            <table className={styles.errors} aria-label="Problems by line">
              <thead>
                <tr>
                  <th scope="col" className={styles.lineCell}>
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.slice(0, shown).map((error, index) => (
                  <tr key={index}>
                    <td className={styles.lineCell}>{error.line}</td>
                    <td className={styles.columnCell}>{error.column ?? '—'}</td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.errors.length > shown && (
            <div className={styles.more}>
              <Button onClick={() => setShown((value) => value + PAGE * 5)}>
                Show {number.format(Math.min(PAGE * 5, report.errors.length - shown))} more
              </Button>
              <span className={styles.muted}>
                {number.format(shown)} of {number.format(report.errors.length)} shown
              </span>
            </div>
          )}
        </section>
      )}

      <footer className={styles.footer}>
        {!report.committed && (
          <Button icon={<FileSearch />} onClick={onEditMapping}>
            Change the column matching
          </Button>
        )}
        <Button icon={<RotateCcw />} onClick={onStartOver}>
          Import another file
        </Button>
      </footer>
    </div>
  );
}
