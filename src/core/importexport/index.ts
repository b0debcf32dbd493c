/**
 * Import and export: CSV files of deals and contacts in and out, and dialers' call logs in.
 *
 * Methods: import.start, import.append, import.preview, import.run, import.reps, import.cancel,
 *          export.deals, export.contacts
 * Tables:  writes deals, stage_history, accounts, contacts, calls (through the write path)
 *
 * parse.ts reads the CSV, recognise.ts, callHeaders.ts and fields.ts suggest the mapping,
 * values.ts, callValues.ts, validate.ts and callRows.ts check the rows, write.ts and callWrite.ts
 * plan and write them, run.ts drives a run, exportCsv.ts writes the exports.
 */
import { ApiError } from '../../shared/contract';
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { listStages } from '../pipeline/stages';
import { teamCurrency } from '../team/team';
import { exportContacts, exportDeals } from './exportCsv';
import { repsOf } from './callRows';
import { fieldSpecs } from './fields';
import { detectSource, suggestMapping } from './recognise';
import { runImport, suggestedZone, teamMembers } from './run';
import { Uploads } from './uploads';

/** Rows shown in the preview table. */
const SAMPLE_ROWS = 10;

export const importExportMethods = (ctx: CoreContext) => {
  const uploads = new Uploads(() => ctx.now());
  return {
    'import.start': ({ kind, filename }) => ({ importId: uploads.start(kind, filename).id }),
    'import.append': ({ importId, text }) => ({ receivedChars: uploads.append(importId, text) }),
    'import.preview': ({ importId }) => {
      const upload = uploads.get(importId, 'import.preview');
      const csv = uploads.parsed(upload);
      const mapping = suggestMapping(upload.kind, csv.headers);
      return {
        importId,
        kind: upload.kind,
        filename: upload.filename,
        headers: csv.headers,
        rows: csv.rows.length,
        source: detectSource(csv.headers, upload.kind),
        mapping,
        timeZone: suggestedZone(ctx, csv.headers, mapping),
        fields: fieldSpecs(upload.kind, {
          currency: teamCurrency(ctx),
          stageNames: listStages(ctx.store).map((stage) => stage.name),
        }),
        sample: csv.rows.slice(0, SAMPLE_ROWS),
      };
    },
    'import.run': (input) => runImport(ctx, uploads, input),
    'import.reps': ({ importId, column }) => {
      const upload = uploads.get(importId, 'import.reps');
      const csv = uploads.parsed(upload);
      const index = csv.headers.indexOf(column);
      if (index < 0) {
        throw new ApiError(
          'invalid_input',
          `import.reps: column: the file has no column “${column}”`,
          'column',
        );
      }
      return { reps: repsOf(csv, index, teamMembers(ctx)) };
    },
    'import.cancel': ({ importId }) => {
      const upload = uploads.get(importId, 'import.cancel');
      if (upload.running) {
        // Batches already written stay; stopping halfway would leave a file half imported.
        throw new ApiError(
          'conflict',
          'import.cancel: importId: the import is running; it finishes in a few seconds',
          'importId',
        );
      }
      uploads.forget(importId);
      return { importId };
    },
    'export.deals': (input) => exportDeals(ctx, input),
    'export.contacts': (input) => exportContacts(ctx, input),
  } satisfies Partial<Handlers>;
};
