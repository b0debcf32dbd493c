/**
 * Import and export: CSV files of deals and contacts, in and out.
 *
 * Methods: import.start, import.append, import.preview, import.run, import.cancel,
 *          export.deals, export.contacts
 * Tables:  writes deals, stage_history, accounts, contacts (through the write path)
 *
 * parse.ts reads the CSV, recognise.ts and fields.ts suggest the mapping, values.ts and
 * validate.ts check the rows, write.ts plans and writes them, run.ts drives a run, exportCsv.ts
 * writes the exports.
 */
import { ApiError } from '../../shared/contract';
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { listStages } from '../pipeline/stages';
import { teamCurrency } from '../team/team';
import { exportContacts, exportDeals } from './exportCsv';
import { fieldSpecs } from './fields';
import { detectSource, suggestMapping } from './recognise';
import { runImport } from './run';
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
      return {
        importId,
        kind: upload.kind,
        filename: upload.filename,
        headers: csv.headers,
        rows: csv.rows.length,
        source: detectSource(csv.headers),
        mapping: suggestMapping(upload.kind, csv.headers),
        fields: fieldSpecs(upload.kind, {
          currency: teamCurrency(ctx),
          stageNames: listStages(ctx.store).map((stage) => stage.name),
        }),
        sample: csv.rows.slice(0, SAMPLE_ROWS),
      };
    },
    'import.run': (input) => runImport(ctx, uploads, input),
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
