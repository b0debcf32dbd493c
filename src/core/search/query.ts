import type { SearchResult } from '../../shared/contract';
import type { CoreContext } from '../context';

/**
 * What a person typed → an FTS5 query: every word must match, as a prefix ("acm glo" finds
 * "Acme Global"). Quoting each word keeps FTS syntax (AND, NEAR, quotes, -) out of their hands.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

/** SQL that keeps deals matching `toFtsQuery(text)`; bind the FTS query once. */
export const DEAL_TEXT_FILTER = `d.id IN (
  SELECT s.ref FROM search_index JOIN search_docs s ON s.rowid = search_index.rowid
   WHERE search_index MATCH ? AND s.kind = 'deal')`;

const CANDIDATES_PER_RESULT = 8;

interface Hit {
  kind: SearchResult['kind'];
  ref: string;
  snippet: string | null;
}

export function search(ctx: CoreContext, text: string, limit: number): SearchResult[] {
  const fts = toFtsQuery(text);
  if (!fts) return [];
  ctx.search.catchUp();
  // Titles first (names of deals, contacts, accounts), then the rest (notes, emails, domains).
  // Ranking costs a little per match, and a prefix of one or two letters ("an") matches most of
  // a large pipeline: until a word has three letters, the first matches in index order do; they
  // are replaced as the person types on.
  const rank = Math.max(...(text.match(/[\p{L}\p{N}]+/gu) ?? ['']).map((w) => w.length)) >= 3;
  const ranked = (match: string, count: number) =>
    ctx.store
      .prepare(
        `SELECT s.kind, s.ref, snippet(search_index, 1, '«', '»', '…', 10) AS snippet
           FROM search_index JOIN search_docs s ON s.rowid = search_index.rowid
          WHERE search_index MATCH ?
          ${rank ? 'ORDER BY bm25(search_index, 5.0, 1.0)' : ''}
          LIMIT ?`,
      )
      .all(match, count) as Hit[];
  // A name matches many deals ("Grady" is in every deal title of the account Grady): take more
  // candidates than asked for and share the list between deals, contacts, accounts and notes.
  const wanted = limit * CANDIDATES_PER_RESULT;
  const candidates = ranked(`{title} : (${fts})`, wanted);
  // Every title match is in already when they did not fill the list; a document's words may be
  // spread over its title and its text.
  if (candidates.length < wanted) {
    candidates.push(...ranked(`(${fts}) NOT {title} : (${fts})`, wanted - candidates.length));
  }
  const hits = shareAmongKinds(candidates, limit);

  const ids = (kind: Hit['kind']) =>
    JSON.stringify(hits.filter((h) => h.kind === kind).map((h) => h.ref));
  const details = new Map<string, Omit<SearchResult, 'kind' | 'id' | 'snippet'>>();
  const load = (kind: Hit['kind'], sql: string) => {
    for (const row of ctx.store.prepare(sql).all(ids(kind)) as ({ id: string } & Omit<
      SearchResult,
      'kind' | 'id' | 'snippet'
    >)[]) {
      const { id, ...rest } = row;
      details.set(`${kind}:${id}`, rest);
    }
  };
  load(
    'deal',
    `SELECT d.id, d.title, trim(coalesce(a.name, '') || CASE WHEN a.name IS NULL THEN '' ELSE ' · ' END || coalesce(st.name, '')) AS subtitle,
            d.id AS dealId, d.contact_id AS contactId, d.account_id AS accountId
       FROM deals d LEFT JOIN accounts a ON a.id = d.account_id LEFT JOIN stages st ON st.id = d.stage_id
      WHERE d.id IN (SELECT value FROM json_each(?))`,
  );
  load(
    'contact',
    `SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS title,
            nullif(trim(coalesce(c.title, '') || CASE WHEN c.title IS NOT NULL AND a.name IS NOT NULL THEN ' · ' ELSE '' END || coalesce(a.name, '')), '') AS subtitle,
            NULL AS dealId, c.id AS contactId, c.account_id AS accountId
       FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id
      WHERE c.id IN (SELECT value FROM json_each(?))`,
  );
  load(
    'account',
    `SELECT a.id, a.name AS title, nullif(trim(coalesce(a.domain, '') || CASE WHEN a.domain IS NOT NULL AND a.industry IS NOT NULL THEN ' · ' ELSE '' END || coalesce(a.industry, '')), '') AS subtitle,
            NULL AS dealId, NULL AS contactId, a.id AS accountId
       FROM accounts a WHERE a.id IN (SELECT value FROM json_each(?))`,
  );
  load(
    'note',
    `SELECT n.id, coalesce(d.title, trim(c.first_name || ' ' || c.last_name), a.name, 'Note') AS title,
            'Note' || coalesce(' · ' || u.name, '') AS subtitle,
            n.deal_id AS dealId, n.contact_id AS contactId, n.account_id AS accountId
       FROM notes n
       LEFT JOIN deals d ON d.id = n.deal_id
       LEFT JOIN contacts c ON c.id = n.contact_id
       LEFT JOIN accounts a ON a.id = n.account_id
       LEFT JOIN users u ON u.id = n.author_id
      WHERE n.id IN (SELECT value FROM json_each(?))`,
  );
  return hits.flatMap((hit) => {
    const detail = details.get(`${hit.kind}:${hit.ref}`);
    if (!detail) return [];
    // The snippet shows where the words matched: useful for notes; a title speaks for itself.
    return [
      { kind: hit.kind, id: hit.ref, ...detail, snippet: hit.kind === 'note' ? hit.snippet : null },
    ];
  });
}

/** Up to `limit` hits, taken in turn from each kind, best first; in their ranked order. */
export function shareAmongKinds<T extends { kind: string }>(ranked: T[], limit: number): T[] {
  const queues = new Map<string, number[]>();
  ranked.forEach((hit, index) => {
    const queue = queues.get(hit.kind) ?? [];
    queue.push(index);
    queues.set(hit.kind, queue);
  });
  const picked: number[] = [];
  while (picked.length < limit && [...queues.values()].some((queue) => queue.length > 0)) {
    for (const queue of queues.values()) {
      const next = queue.shift();
      if (next !== undefined && picked.length < limit) picked.push(next);
    }
  }
  return picked.sort((a, b) => a - b).map((index) => ranked[index]!);
}
