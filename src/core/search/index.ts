/**
 * Search: full-text over deals, contacts, accounts and notes (SQLite FTS5), derived from the op
 * log by `SearchIndexer`.
 *
 * Methods: search.query
 * Tables:  search_docs, search_index (local to the device)
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { search } from './query';

export const searchMethods = (ctx: CoreContext) =>
  ({
    'search.query': (input) => ({ results: search(ctx, input.query, input.limit) }),
  }) satisfies Partial<Handlers>;

export { SearchIndexer } from './indexer';
export { DEAL_TEXT_FILTER, toFtsQuery } from './query';
