import { derivedId } from '../shared/ids';
import type { ServerUser, WireEntry } from '../shared/serverApi';
import type { FactsReader } from './storage/types';

/**
 * Who may change what, checked per op on the server (DESIGN §3):
 * - a rep edits their own deals, contacts, calls (with their transcripts and scores), notes,
 *   follow-ups and saved views;
 * - a success owner edits accounts and the deals in the Retention and Loyalty stages;
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
  if (user.role === 'admin' || isDefaultStamp(entry.hlc)) return null;
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
      if (isInsert || user.role === 'success') continue;
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
      const dealId =
        valueOf(fields.deal_id) ?? (await facts.get('stage_history', rowId, 'deal_id'));
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
      const owner =
        callRep !== undefined || table === 'call_transcripts'
          ? callRep
          : 'rep_id' in fields
            ? valueOf(fields.rep_id)
            : await facts.get('call_scores', rowId, 'rep_id');
      if (owner === me || owner === undefined || owner === null) continue;
      return `a ${user.role} changes the ${table === 'call_scores' ? 'scores' : 'transcripts'} of their own calls only; this call is someone else’s`;
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
