/**
 * `cockpit import` and `cockpit export`: the same core methods the window uses, from a terminal.
 * Import reads the file in chunks into `import.*` and prints every row it could not take;
 * export writes what `export.deals` / `export.contacts` return.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createCore } from '../core';
import {
  MAX_IMPORT_CHUNK_CHARS,
  type ImportKind,
  type ImportPreview,
  type ImportReport,
} from '../shared/contract';
import { decodeText } from '../shared/text';
import { APP_VERSION } from './appVersion';

/** Exit code when the file was read but some rows could not be imported. */
export const ROWS_FAILED_EXIT_CODE = 2;

const n = (value: number) => value.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) =>
  `${n(count)} ${count === 1 ? one : many}`;

const SOURCES: Record<ImportPreview['source'], string> = {
  pipedrive: 'a Pipedrive export',
  hubspot: 'a HubSpot export',
  generic: 'a CSV file',
};

function describeMapping(preview: ImportPreview): string[] {
  const labels = new Map(preview.fields.map((field) => [field.field, field.label]));
  const used: string[] = [];
  const ignored: string[] = [];
  for (const header of preview.headers) {
    const field = preview.mapping[header];
    if (field) used.push(`${header} → ${labels.get(field) ?? field}`);
    else ignored.push(header);
  }
  const lines = [`Columns: ${used.join(', ') || 'none recognised'}`];
  if (ignored.length > 0) lines.push(`Ignored: ${ignored.join(', ')}`);
  return lines;
}

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function describeReport(report: ImportReport): string[] {
  const noun = report.kind === 'deals' ? 'deal' : 'contact';
  const created = [
    plural(report.created, noun),
    report.createdAccounts > 0 ? plural(report.createdAccounts, 'account') : '',
    report.createdContacts > 0 ? plural(report.createdContacts, 'contact') : '',
  ].filter(Boolean);
  const what = `created ${list(created)}${report.updated > 0 ? `, updated ${plural(report.updated, noun)}` : ''}`;
  const lines: string[] = [];
  if (report.allOrNothing && report.failed > 0) {
    lines.push(
      `Nothing was imported: ${plural(report.failed, 'row has', 'rows have')} problems, and --all-or-nothing was given.`,
    );
  } else if (report.dryRun) {
    lines.push(`Dry run, nothing was written. The import would have ${what}.`);
  } else if (report.created + report.updated === 0) {
    lines.push('Nothing was imported.');
  } else {
    lines.push(`Imported: ${what} in ${report.seconds.toFixed(1)} s.`);
  }
  if (report.failed > 0) {
    lines.push(
      '',
      `${plural(report.failed, 'row')} of ${n(report.total)} could not be imported:`,
      ...report.errors.map(
        (error) =>
          `  line ${error.line}${error.column ? `, ${error.column}` : ''}: ${error.message}`,
      ),
    );
  }
  return lines;
}

export interface ImportCommandOptions {
  file: string;
  db: string;
  kind: ImportKind;
  dryRun?: boolean;
  allOrNothing?: boolean;
}

/** Returns the exit code: 0, or `ROWS_FAILED_EXIT_CODE` when some rows were not imported. */
export async function runImportCommand(options: ImportCommandOptions): Promise<number> {
  const text = decodeText(readFileSync(options.file));
  const core = createCore({ dbPath: options.db, appVersion: APP_VERSION });
  const showProgress = process.stderr.isTTY;
  const off = core.events.on('import.progress', ({ phase, done, total }) => {
    if (!showProgress) return;
    const percent = total === 0 ? 100 : Math.round((done / total) * 100);
    process.stderr.write(`\r${phase === 'checking' ? 'Checking' : 'Writing'}… ${percent}%`);
  });
  try {
    const { importId } = await core.call('import.start', {
      kind: options.kind,
      filename: basename(options.file),
    });
    for (let at = 0; at < text.length; at += MAX_IMPORT_CHUNK_CHARS) {
      await core.call('import.append', {
        importId,
        text: text.slice(at, at + MAX_IMPORT_CHUNK_CHARS),
      });
    }
    const preview = await core.call('import.preview', { importId });
    console.log(
      `Read ${preview.filename}: ${plural(preview.rows, 'row')}, ${SOURCES[preview.source]}.`,
    );
    for (const line of describeMapping(preview)) console.log(line);
    const report = await core.call('import.run', {
      importId,
      mapping: preview.mapping,
      dryRun: options.dryRun ?? false,
      allOrNothing: options.allOrNothing ?? false,
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    console.log('');
    for (const line of describeReport(report)) console.log(line);
    return report.failed > 0 ? ROWS_FAILED_EXIT_CODE : 0;
  } finally {
    off();
    core.close();
  }
}

export interface ExportCommandOptions {
  db: string;
  kind: ImportKind;
  /** Writes to stdout when absent. */
  out?: string;
}

export async function runExportCommand(options: ExportCommandOptions): Promise<void> {
  if (!existsSync(options.db)) {
    throw new Error(`there is no database at ${options.db}`);
  }
  const core = createCore({ dbPath: options.db, appVersion: APP_VERSION });
  try {
    const result =
      options.kind === 'deals'
        ? await core.call('export.deals', {})
        : await core.call('export.contacts', {});
    if (options.out) {
      // The byte-order mark stays in files: Excel needs it to read UTF-8.
      writeFileSync(options.out, result.csv);
      console.error(`Exported ${plural(result.rows, options.kind.slice(0, -1))} → ${options.out}`);
    } else {
      process.stdout.write(result.csv.replace(/^\ufeff/, ''));
    }
  } finally {
    core.close();
  }
}
