/**
 * Import and export: CSV files of deals and contacts, in and out.
 *
 * Methods: import.start, import.append, import.preview, import.run, import.cancel,
 *          export.deals, export.contacts
 * Tables:  writes deals, accounts, contacts (through the write path)
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';

export const importExportMethods = (ctx: CoreContext) => {
  void ctx;
  return {
    'import.start': notImplemented('import.start'),
    'import.append': notImplemented('import.append'),
    'import.preview': notImplemented('import.preview'),
    'import.run': notImplemented('import.run'),
    'import.cancel': notImplemented('import.cancel'),
    'export.deals': notImplemented('export.deals'),
    'export.contacts': notImplemented('export.contacts'),
  } satisfies Partial<Handlers>;
};
