/**
 * `cockpit import` and `cockpit export`: the same core methods the window uses, from a terminal.
 * Import reads the file (deals, contacts or a dialer's call log) in chunks into `import.*` and
 * prints every row it could not take; export writes what `export.deals` / `export.contacts`
 * return.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createCore } from '../core';
import {
  MAX_IMPORT_CHUNK_CHARS,
  type ImportKind,
  type ImportPreview,
  type ImportRepChoices,
  type ImportReport,
} from '../shared/contract';
import type { Core } from '../core';
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
  aircall: 'an Aircall call log',
  ringcentral: 'a RingCentral call log',
  dialpad: 'a Dialpad call log',
  generic: 'a CSV file',
};

const NOUNS: Record<ImportKind, string> = { deals: 'deal', contacts: 'contact', calls: 'call' };

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
  const noun = NOUNS[report.kind];
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
  if (report.kind === 'calls' && !(report.allOrNothing && report.failed > 0)) {
    lines.push(
      `Matched by phone number: ${n(report.matchedContacts)} of ${plural(report.created, 'call')} to a contact, ${n(report.matchedDeals)} to an open deal.`,
    );
    if (report.duplicates > 0) {
      lines.push(
        `Skipped ${plural(report.duplicates, 'call')} already in the workspace (same dialer call id, or same rep, number and start).`,
      );
    }
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
  /** Calls: the zone times without an offset are read in (the team's by default). */
  timeZone?: string;
  /** Calls: "Dialer user=team member email" (or "=none": import their calls without a rep). */
  reps?: string[];
}

/** `--rep "Rita R.=rita@northwind.example"` → the choices `import.run` takes. */
async function repChoices(core: Core, pairs: readonly string[]): Promise<ImportRepChoices> {
  const users = await core.call('users.list', {});
  const choices: ImportRepChoices = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const name = pair.slice(0, at).trim();
    const who = pair
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at <= 0 || who === '') {
      throw new Error(`--rep ${pair}: write it as "name in the file=email of a team member"`);
    }
    if (who === 'none') {
      choices[name] = null;
      continue;
    }
    const user = users.find((u) => u.email.toLowerCase() === who);
    if (!user) throw new Error(`--rep ${pair}: ${who} is not a team member’s email`);
    choices[name] = user.id;
  }
  return choices;
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
    const timeZone = options.timeZone ?? preview.timeZone;
    if (options.kind === 'calls') console.log(`Times without a zone are read in ${timeZone}.`);
    const report = await core.call('import.run', {
      importId,
      mapping: preview.mapping,
      dryRun: options.dryRun ?? false,
      allOrNothing: options.allOrNothing ?? false,
      ...(options.kind === 'calls'
        ? { timeZone, reps: await repChoices(core, options.reps ?? []) }
        : {}),
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
  kind: Exclude<ImportKind, 'calls'>;
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
