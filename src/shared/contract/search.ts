import { z } from 'zod';
import { Id } from '../domain';
import { Limit, type MethodSpec } from './spec';

export const SearchResult = z.object({
  kind: z.enum(['deal', 'contact', 'account', 'note']),
  id: Id,
  title: z.string(),
  subtitle: z.string().nullable(),
  /** The matching words in context, with the matches between « and ». */
  snippet: z.string().nullable(),
  /** Where the result leads: a note opens its deal, contact or account. */
  dealId: Id.nullable(),
  contactId: Id.nullable(),
  accountId: Id.nullable(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const searchContract = {
  'search.query': {
    summary:
      'Deals, contacts, accounts and notes matching the words typed so far (full-text, prefix).',
    input: z.strictObject({
      query: z.string().trim().min(1, { error: 'type something to search for' }).max(200),
      limit: Limit(50, 20),
    }),
    output: z.object({ results: z.array(SearchResult) }),
  },
} satisfies Record<string, MethodSpec>;
