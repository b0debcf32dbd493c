/**
 * A team and a won-deal-to-be for the handover tests: Ada (rep, signed in), Sam (success), Max
 * (manager) and Rita (another rep) on one laptop whose clock the test moves; Acme Robotics with
 * two contacts, notes, two calls (one scored, with a transcript, where issue 7's tables exist).
 */
import { createCore, type Core } from '../../src/core/createCore';
import { SYNCED_TABLES, type SyncedTable } from '../../src/core/store/syncedTables';
import { userIdForEmail } from '../../src/core/team';
import { defaultStageId } from '../../src/core/pipeline';
import { tempDbPath } from './tempDir';

export const NOV = (day: number, hour = 9, minute = 0) => Date.UTC(2026, 10, day, hour, minute);
export const RENEWAL = Date.UTC(2027, 10, 15);
export const STAGE = {
  proposal: defaultStageId('proposal'),
  won: defaultStageId('won'),
  lost: defaultStageId('lost'),
  onboarding: defaultStageId('onboarding'),
};

export const PEOPLE = {
  ada: { name: 'Ada Lovelace', email: 'ada@northwind.example', role: 'rep' },
  sam: { name: 'Sam Carter', email: 'sam@northwind.example', role: 'success' },
  max: { name: 'Max Weber', email: 'max@northwind.example', role: 'manager' },
  rita: { name: 'Rita Ora', email: 'rita@northwind.example', role: 'rep' },
} as const;
export type Person = keyof typeof PEOPLE;
export const idOf = (person: Person) => userIdForEmail(PEOPLE[person].email);

export const hasScoring = (SYNCED_TABLES as readonly string[]).includes('call_scores');
/** Issue 7's tables, named without depending on whether this build has them yet. */
const ISSUE_7_TABLE = (name: string) => name as SyncedTable;

export interface Laptop {
  core: Core;
  clock: { now: number };
  /** Sign in as someone else on this laptop. */
  as(person: Person): void;
}

/** One laptop with the whole team known (each person's row as its own laptop would write it). */
export async function teamLaptop(
  clock = { now: NOV(1) },
  signedIn: Person = 'ada',
): Promise<Laptop> {
  const core = createCore({
    dbPath: tempDbPath(),
    now: () => clock.now,
    sync: { autoStart: false, debounceMs: 60_000 },
  });
  const me = PEOPLE[signedIn];
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: me.name,
    email: me.email,
    currency: 'EUR',
  });
  core.store.write((w) => {
    for (const person of Object.values(PEOPLE)) {
      const id = userIdForEmail(person.email);
      if (w.get('SELECT 1 AS x FROM users WHERE id = ?', id)) {
        w.update('users', id, { role: person.role });
      } else {
        w.insert('users', { id, name: person.name, email: person.email, role: person.role });
      }
    }
  });
  return {
    core,
    clock,
    as: (person) => core.store.setLocalSetting('current_user_id', idOf(person)),
  };
}

export interface FixtureDeal {
  dealId: string;
  accountId: string;
  danaId: string;
  leeId: string;
  connectedCallId: string;
  voicemailCallId: string;
}

/** Acme Robotics in Proposal, owned by Ada, with what a rep would have written down by then. */
export async function fixtureDeal({ core, clock, as }: Laptop): Promise<FixtureDeal> {
  as('ada');
  clock.now = NOV(1, 8);
  const account = await core.call('accounts.create', {
    name: 'Acme Robotics',
    industry: 'Manufacturing',
    employees: 250,
    city: 'Berlin',
    country: 'DE',
    renewalAt: RENEWAL,
  });
  const dana = await core.call('contacts.create', {
    firstName: 'Dana',
    lastName: 'Smith',
    title: 'VP Operations',
    email: 'dana@acme.example',
    accountId: account.id,
    preferredChannel: 'email',
  });
  const lee = await core.call('contacts.create', {
    firstName: 'Lee',
    lastName: 'Wong',
    title: 'CFO',
    accountId: account.id,
  });
  const deal = await core.call('deals.create', {
    title: 'Acme Robotics — 40 seats',
    accountId: account.id,
    contactId: dana.id,
    stageId: STAGE.proposal,
    valueMinor: 4_800_000,
    currency: 'EUR',
    nextStep: 'Kick-off call with Dana on 20 Nov',
  });
  clock.now = NOV(1, 10);
  const voicemail = await core.call('calls.log', {
    dealId: deal.id,
    contactId: lee.id,
    startedAt: NOV(1, 10),
    endedAt: NOV(1, 10, 1),
    disposition: 'voicemail',
  });
  clock.now = NOV(3, 16);
  await core.call('notes.create', {
    dealId: deal.id,
    body:
      'Their goal is to cut onboarding time for new technicians by 30%. We promised SSO with ' +
      'Azure AD by 1 March. Lee is worried about the rollout cost. Dana saw the demo of the ' +
      'scheduling module.',
  });
  clock.now = NOV(4, 14, 30);
  const connected = await core.call('calls.log', {
    dealId: deal.id,
    contactId: dana.id,
    startedAt: NOV(4, 14),
    endedAt: NOV(4, 14, 18),
    disposition: 'connected',
    notes: 'Dana wants to go live before the spring season.',
    nextStep: 'Send the order form by Friday',
  });
  if (hasScoring) {
    core.store.write((w) => {
      w.insert(ISSUE_7_TABLE('call_transcripts'), {
        id: connected.id,
        format: 'text',
        speakers: JSON.stringify(['Ada Lovelace', 'Dana Smith']),
        rep_speaker: 'Ada Lovelace',
        timed: 1,
        segments: JSON.stringify([
          {
            speaker: 'Ada Lovelace',
            start: 100,
            end: 110,
            text: 'We will deliver the Azure AD integration by the end of February.',
          },
          {
            speaker: 'Dana Smith',
            start: 200,
            end: 212,
            text: 'Our goal is that every technician books jobs in the app.',
          },
        ]),
      });
      w.insert(ISSUE_7_TABLE('call_scores'), {
        id: connected.id,
        rep_id: idOf('ada'),
        call_started_at: NOV(4, 14),
        overall: 78,
        dimensions: JSON.stringify([
          {
            id: 'nextSteps',
            evidence: [
              {
                start: 754.4,
                end: 760,
                speaker: 'Ada Lovelace',
                quote: 'I will send you the order form by Friday',
              },
            ],
          },
          {
            id: 'objectionsHandled',
            evidence: [
              {
                start: 312,
                end: 330,
                speaker: 'Lee Wong',
                quote: 'Honestly the price is steep for us',
                note: 'Price objection',
              },
            ],
          },
          {
            id: 'talkRatio',
            evidence: [{ start: 1, end: 2, speaker: 'x', quote: 'not this one' }],
          },
        ]),
        tips: '[]',
        scorer_kind: 'local',
        scored_at: NOV(4, 15),
      });
    });
  }
  return {
    dealId: deal.id,
    accountId: account.id,
    danaId: dana.id,
    leeId: lee.id,
    connectedCallId: connected.id,
    voicemailCallId: voicemail.id,
  };
}

/** Win the deal on 5 Nov as Ada; returns the handover's id. */
export async function winDeal(laptop: Laptop, dealId: string): Promise<string> {
  laptop.as('ada');
  laptop.clock.now = NOV(5, 11);
  await laptop.core.call('deals.move', { id: dealId, stageId: STAGE.won, reason: 'Best fit' });
  const { id } = await laptop.core.call('handover.forDeal', { dealId });
  if (!id) throw new Error('winning the deal made no handover');
  return id;
}
