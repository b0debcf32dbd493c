import { defaultPipelineRows } from '../core/pipeline/defaults';
import { derivedId } from '../shared/ids';
import type { ServerUser, WireEntry } from '../shared/serverApi';
import type { FactsReader } from './storage/types';

/**
 * Who may change what, checked per op on the server (DESIGN §3):
 * - a rep edits their own deals, contacts, calls (with their transcripts and scores), notes,
 *   follow-ups and saved views;
 * - a success owner edits accounts and the deals in the Retention and Loyalty stages;
 * - handovers: the deal's owner (or the handover's author) writes, submits and comments; the
 *   success owner it was given to (a success user) reviews, comments and decides; either may
 *   hand the other a reminder about it;
 * - a manager edits everything of the team but the pipeline, the team and its people;
 * - an admin also edits stages, users and team settings.
 * Anyone may create accounts (a rep names the customer of a new deal), and rows stamped as the
 * built-in defaults (clock wall 0, the default pipeline every laptop makes) are never refused:
 * any real edit outranks them.
 */
const ADMIN_ONLY = new Set(['stages', 'phases', 'team', 'campaigns_settings']);
const OWNED_BY: Readonly<Record<string, string>> = {
  deals: 'owner_id',
  contacts: 'owner_id',
  calls: 'rep_id',
  notes: 'author_id',
  follow_ups: 'owner_id',
  saved_views: 'user_id',
};
const SUCCESS_PHASES = new Set(['retention', 'loyalty']);

const isDefaultStamp = (hlc: string) => hlc.startsWith('000000000000-');

/** The default pipeline's rows, by table and id, as every laptop writes them. */
const BUILT_IN: ReadonlyMap<
  string,
  ReadonlyMap<string, Readonly<Record<string, unknown>>>
> = (() => {
  const rows = defaultPipelineRows();
  return new Map(
    (['phases', 'stages'] as const).map((table) => [
      table,
      new Map(rows[table].map(({ id, ...fields }) => [id, fields])),
    ]),
  );
})();

/**
 * An entry stamped with the built-in defaults' clock (wall 0) is taken as such only when it is
 * what every laptop writes: an insert of a default phase or stage with exactly its default values,
 * by the device that sent it. Anything else with that clock is checked like any other change (a
 * forged wall-0 clock would otherwise pass every check).
 */
function isBuiltInDefault(entry: WireEntry): boolean {
  if (!isDefaultStamp(entry.hlc) || !entry.hlc.endsWith(entry.device)) return false;
  const rows = BUILT_IN.get(entry.table);
  if (!rows) return false;
  return entry.changes.every(([rowId, fields]) => {
    const expected = rows.get(rowId);
    return (
      expected !== undefined &&
      Object.entries(fields).every(
        ([column, raw]) => !Array.isArray(raw) && column in expected && expected[column] === raw,
      )
    );
  });
}

function valueOf(raw: unknown): unknown {
  return Array.isArray(raw) ? raw[0] : raw;
}

async function phaseOfDeal(
  facts: FactsReader,
  dealId: string,
  fields: Record<string, unknown>,
): Promise<unknown> {
  const stageId =
    'stage_id' in fields ? valueOf(fields.stage_id) : await facts.get('deals', dealId, 'stage_id');
  return typeof stageId === 'string' ? facts.get('stages', stageId, 'phase_id') : undefined;
}

/** Null if `user` may make the changes of `entry`, else the reason in a sentence. */
export async function checkEntry(
  user: ServerUser,
  entry: WireEntry,
  facts: FactsReader,
): Promise<string | null> {
  if (user.role === 'admin' || isBuiltInDefault(entry)) return null;
  // In the app a person's user id is derived from their email, the same on every laptop.
  const me = derivedId('user', user.email);
  const table = entry.table;
  if (ADMIN_ONLY.has(table))
    return `only admins change ${table === 'team' ? 'team settings' : 'the pipeline'}`;
  if (table === 'users') {
    // Everyone may keep their own profile; only admins change other people or roles. A laptop
    // that joins the team writes its person with the role this server gives them: that row must
    // reach the team, or nobody else's laptop knows the person (the manager's dashboard would
    // miss a rep).
    for (const [rowId, fields] of entry.changes) {
      if (rowId !== me) {
        return 'only admins change other people on the team';
      }
      if ('role' in fields && valueOf(fields.role) !== user.role) return 'only admins change roles';
    }
    return null;
  }
  if (user.role === 'manager') return null;

  for (const [rowId, fields] of entry.changes) {
    const isInsert = Object.values(fields).every((raw) => !Array.isArray(raw));
    if (table === 'team_settings') {
      return 'only managers and admins change team settings such as the follow-up rules';
    }
    if (table === 'accounts') {
      const seen = (await facts.get('accounts', rowId, 'owner_id')) !== undefined;
      if ((isInsert && !seen) || user.role === 'success') continue;
      return 'only customer success, managers and admins change accounts';
    }
    if (table === 'satisfaction_responses' || table === 'campaigns') {
      if (user.role === 'success' && table === 'satisfaction_responses') continue;
      return `only ${table === 'campaigns' ? 'managers and admins change campaigns' : 'customer success, managers and admins record satisfaction answers'}`;
    }
    if (table === 'deals' && user.role === 'success') {
      const phase = await phaseOfDeal(facts, rowId, fields);
      if (typeof phase === 'string' && SUCCESS_PHASES.has(phase)) continue;
      return 'customer success changes deals in the Retention and Loyalty stages only';
    }
    if (table === 'stage_history') {
      // The deal the server knows the move belongs to comes first: an edit cannot move it to a
      // deal of one's own to pass the check.
      const stored = await facts.get('stage_history', rowId, 'deal_id');
      if (stored !== undefined && 'deal_id' in fields && valueOf(fields.deal_id) !== stored) {
        return 'a stage move stays with its deal';
      }
      const dealId = stored ?? valueOf(fields.deal_id);
      const owner =
        typeof dealId === 'string' ? await facts.get('deals', dealId, 'owner_id') : undefined;
      if (user.role === 'rep' && (owner === me || owner === undefined || owner === null)) continue;
      if (user.role === 'success' && typeof dealId === 'string') {
        const phase = await phaseOfDeal(facts, dealId, {});
        if (typeof phase === 'string' && SUCCESS_PHASES.has(phase)) continue;
      }
      return 'the stage history of a deal changes with the deal: it is not yours to move';
    }
    if (table === 'call_transcripts' || table === 'call_scores') {
      // Both rows have the call's id: the call's rep owns them. A score also carries its rep,
      // which counts while the server has not seen the call (it may come from another laptop).
      const callRep = await facts.get('calls', rowId, 'rep_id');
      if (
        table === 'call_scores' &&
        'rep_id' in fields &&
        callRep !== undefined &&
        valueOf(fields.rep_id) !== callRep
      ) {
        return 'a call’s score carries the call’s rep';
      }
      const owner =
        callRep !== undefined || table === 'call_transcripts'
          ? callRep
          : 'rep_id' in fields
            ? valueOf(fields.rep_id)
            : await facts.get('call_scores', rowId, 'rep_id');
      if (owner === me || owner === undefined || owner === null) continue;
      return `a ${user.role} changes the ${table === 'call_scores' ? 'scores' : 'transcripts'} of their own calls only; this call is someone else’s`;
    }
    if (HANDOVER_TABLES.has(table)) {
      const reason = await checkHandoverChange(user, me, table, rowId, fields, isInsert, facts);
      if (reason) return reason;
      continue;
    }
    if (table === 'follow_ups' && isInsert && valueOf(fields.owner_id) !== me) {
      // A reminder for someone else: only the other side of a handover, about that handover.
      if (await handsHandoverNotice(user, me, fields, facts)) continue;
    }
    const ownerColumn = OWNED_BY[table];
    if (!ownerColumn)
      return `your role (${user.role}) does not change ${table.replaceAll('_', ' ')}`;
    // The owner the row has (or gets from this very change, for a new row).
    const current = await facts.get(table, rowId, ownerColumn);
    const owner = current === undefined && isInsert ? valueOf(fields[ownerColumn]) : current;
    if (owner !== me && !(owner == null && isInsert)) {
      const noun = table === 'deals' ? 'deals' : table.replaceAll('_', ' ');
      return `a ${user.role === 'rep' ? 'rep' : user.role} changes only their own ${noun}; this one is someone else’s`;
    }
    // Giving a deal away is allowed; taking it is not (the check above saw the current owner).
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// handovers

const HANDOVER_TABLES = new Set([
  'handovers',
  'handover_sections',
  'handover_comments',
  'handover_versions',
]);
/** What the success owner changes: the review and the decision (on the handover and its version). */
const DECISION_FIELDS = new Set(['status', 'decided_at', 'decided_by', 'decision']);
const AUTHOR_STATUSES = new Set(['draft', 'submitted']);
const OWNER_STATUSES = new Set(['in_review', 'accepted', 'changes_requested']);

interface HandoverSides {
  known: boolean;
  /** The author, or the owner of the handover's deal. */
  author: boolean;
  /** The success owner it was given to, in customer success. */
  owner: boolean;
  ids: (string | undefined)[];
}

/** How `me` stands to a handover, from what the server knows (or this very insert says). */
async function handoverSides(
  user: ServerUser,
  me: string,
  handoverId: string,
  insert: Record<string, unknown> | null,
  facts: FactsReader,
): Promise<HandoverSides> {
  // What the server knows wins over what the change says: an edit sent as an insert cannot
  // make its sender the author or the owner.
  const fact = async (column: string) => {
    const stored = await facts.get('handovers', handoverId, column);
    if (stored !== undefined) return stored;
    return insert && column in insert ? valueOf(insert[column]) : undefined;
  };
  const dealId = await fact('deal_id');
  const authorId = await fact('author_id');
  const ownerId = await fact('success_owner_id');
  const dealOwner =
    typeof dealId === 'string' ? await facts.get('deals', dealId, 'owner_id') : undefined;
  return {
    known: dealId !== undefined || authorId !== undefined,
    author: authorId === me || dealOwner === me,
    // A rep never decides, even one who named themselves the owner.
    owner: user.role === 'success' && ownerId === me,
    ids: [authorId, dealOwner, ownerId].map((id) => (typeof id === 'string' ? id : undefined)),
  };
}

async function checkHandoverChange(
  user: ServerUser,
  me: string,
  table: string,
  rowId: string,
  fields: Record<string, unknown>,
  isInsert: boolean,
  facts: FactsReader,
): Promise<string | null> {
  const storedParent =
    table === 'handovers' ? undefined : await facts.get(table, rowId, 'handover_id');
  if (
    storedParent !== undefined &&
    'handover_id' in fields &&
    valueOf(fields.handover_id) !== storedParent
  ) {
    return 'a section, comment or version stays with its handover';
  }
  const handoverId = table === 'handovers' ? rowId : (storedParent ?? valueOf(fields.handover_id));
  if (typeof handoverId !== 'string') {
    return isInsert ? null : 'a handover change must name its handover';
  }
  if (table === 'handovers' && 'deal_id' in fields) {
    // A deal has one handover, its id made from the deal's.
    const dealId = valueOf(fields.deal_id);
    if (typeof dealId !== 'string' || derivedId('handover', dealId) !== rowId) {
      return 'a handover belongs to the deal its id is made from';
    }
  }
  const sides = await handoverSides(
    user,
    me,
    handoverId,
    table === 'handovers' && isInsert ? fields : null,
    facts,
  );
  // Made on a laptop that has not pushed the handover yet (a deal won on two laptops at once).
  if (!sides.known) return isInsert ? null : 'this handover is not known to the server yet';
  const notYours =
    'handovers are written by the deal’s owner and decided by the success owner they were given to; this one is neither yours to write nor to decide';
  if (table === 'handover_comments') {
    if (!sides.author && !sides.owner) return notYours;
    if (isInsert && 'author_id' in fields && valueOf(fields.author_id) !== me) {
      return 'a comment is written in its author’s name only';
    }
    return null;
  }
  if (table === 'handover_sections') {
    return sides.author
      ? null
      : 'only the author of a handover (the deal’s owner) writes its sections';
  }
  // handovers and handover_versions: the author's fields and the owner's decision.
  for (const [column, raw] of Object.entries(fields)) {
    const value = valueOf(raw);
    const decision =
      DECISION_FIELDS.has(column) &&
      !(column === 'status' && typeof value === 'string' && AUTHOR_STATUSES.has(value));
    if (decision) {
      if (sides.owner) {
        if (column === 'status' && !(typeof value === 'string' && OWNER_STATUSES.has(value))) {
          return `a success owner reviews, accepts or sends back a handover; status ${String(value)} is none of these`;
        }
        continue;
      }
      // The author submitting clears the last decision (status back to submitted, decided_* null).
      if (sides.author && column !== 'status' && column !== 'decision' && value === null) continue;
      return 'only the success owner a handover was given to (or a manager) reviews and decides it';
    }
    if (!sides.author) {
      return 'only the author of a handover (the deal’s owner) writes, addresses and submits it';
    }
  }
  return null;
}

/** A follow-up for another person: the reminder one side of a handover leaves the other. */
async function handsHandoverNotice(
  user: ServerUser,
  me: string,
  fields: Record<string, unknown>,
  facts: FactsReader,
): Promise<boolean> {
  const dealId = valueOf(fields.deal_id);
  const ownerId = valueOf(fields.owner_id);
  if (typeof dealId !== 'string' || typeof ownerId !== 'string') return false;
  const sides = await handoverSides(user, me, derivedId('handover', dealId), null, facts);
  return sides.known && (sides.author || sides.owner) && sides.ids.includes(ownerId);
}
