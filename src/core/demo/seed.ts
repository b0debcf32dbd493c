// The English locale alone: the package's main entry loads every locale (a quarter second).
import { faker } from '@faker-js/faker/locale/en';
import type { Role } from '../../shared/domain';
import { idAt } from '../../shared/ids';
import { DEFAULT_SCORING_CONFIG } from '../../shared/scoring/config';
import { generateCall } from '../../shared/scoring/generatedCall';
import { scoreLocally } from '../../shared/scoring/local';
import type { CoreContext } from '../context';
import { draftHandoverAtWon } from '../handover/draft';
import {
  commentOn,
  decideHandover,
  reviewHandover,
  setOwner,
  submitHandover,
  updateSection,
} from '../handover/flow';
import { readSections } from '../handover/documents';
import { writeScore, writeTranscript } from '../scoring/records';
import { withSource } from '../scoring/remote';
import type { Fields } from '../store/writePath';
import { DEFAULT_STAGES, defaultStageId } from '../pipeline/defaults';
import { TEAM_ID, userIdForEmail } from '../team/team';

export interface SeedOptions {
  deals: number;
  /** Sales reps; managers, a success team and an admin come on top. */
  reps?: number;
  /** Calls over the last 90 days; defaults to a quarter of the number of deals. */
  calls?: number;
  /** The same seed (and anchor) gives the same data. */
  seed?: number;
  /** "Now" for the generated history, UTC ms; defaults to the current time. */
  anchor?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  users: number;
  accounts: number;
  contacts: number;
  deals: number;
  stageMoves: number;
  calls: number;
  notes: number;
  /** Survey answers (NPS and CSAT) of customer accounts. */
  answers: number;
  /** Recent connected calls given a transcript and a score, for the coaching views. */
  scoredCalls: number;
  /** Handovers of the most recently won deals, a few of them along the flow. */
  handovers: number;
}

const DAY = 86_400_000;
/** Rows per transaction: large enough that commits are few, small enough to show progress. */
const BATCH = 10_000;
/** Rows generated at a time inside a transaction. */
const CHUNK = 500;

/** Share of deals per default stage: a realistic funnel, thinning towards Won. */
const STAGE_WEIGHTS: Record<string, number> = {
  'new-lead': 14,
  contacted: 14,
  qualified: 12,
  demo: 10,
  proposal: 8,
  negotiation: 5,
  won: 10,
  lost: 12,
  onboarding: 4,
  active: 7,
  'renewal-due': 3,
  advocate: 1,
};

const PRODUCTS = [
  'Platform licence',
  'Pro plan',
  'Enterprise expansion',
  'Annual renewal',
  'Pilot',
  'Onboarding package',
  'Analytics add-on',
  'Seat upgrade',
  'Multi-year agreement',
  'Support plus',
];
const INDUSTRIES = [
  'Software',
  'Logistics',
  'Manufacturing',
  'Retail',
  'Healthcare',
  'Financial services',
  'Education',
  'Hospitality',
  'Energy',
  'Media',
];
const PLACES = [
  { city: 'Berlin', country: 'DE', region: 'EMEA', timeZone: 'Europe/Berlin' },
  { city: 'Munich', country: 'DE', region: 'EMEA', timeZone: 'Europe/Berlin' },
  { city: 'Amsterdam', country: 'NL', region: 'EMEA', timeZone: 'Europe/Amsterdam' },
  { city: 'Paris', country: 'FR', region: 'EMEA', timeZone: 'Europe/Paris' },
  { city: 'London', country: 'GB', region: 'EMEA', timeZone: 'Europe/London' },
  { city: 'Madrid', country: 'ES', region: 'EMEA', timeZone: 'Europe/Madrid' },
  { city: 'Stockholm', country: 'SE', region: 'EMEA', timeZone: 'Europe/Stockholm' },
  { city: 'New York', country: 'US', region: 'AMER', timeZone: 'America/New_York' },
  { city: 'Chicago', country: 'US', region: 'AMER', timeZone: 'America/Chicago' },
  { city: 'Austin', country: 'US', region: 'AMER', timeZone: 'America/Chicago' },
  { city: 'San Francisco', country: 'US', region: 'AMER', timeZone: 'America/Los_Angeles' },
  { city: 'Toronto', country: 'CA', region: 'AMER', timeZone: 'America/Toronto' },
  { city: 'Singapore', country: 'SG', region: 'APAC', timeZone: 'Asia/Singapore' },
  { city: 'Sydney', country: 'AU', region: 'APAC', timeZone: 'Australia/Sydney' },
];
const TITLES = [
  'Head of Operations',
  'VP Sales',
  'CFO',
  'IT Manager',
  'Procurement Lead',
  'COO',
  'Head of Customer Success',
  'Founder & CEO',
  'Director of Finance',
  'Operations Analyst',
];
const CHANNELS = ['call', 'email', 'sms', 'chat'] as const;
const SOURCES = ['Website', 'Referral', 'Outbound', 'Event', 'Partner', 'Inbound call'];
const DISPOSITIONS: [string, number][] = [
  ['connected', 30],
  ['no_answer', 38],
  ['voicemail', 18],
  ['busy', 5],
  ['wrong_number', 2],
  ['not_interested', 3],
  ['meeting_booked', 4],
];
const LOSS_REASONS = ['Price', 'Went with a competitor', 'No budget', 'Timing', 'No decision'];
const WIN_REASONS = ['Best fit', 'Price', 'Relationship', 'Product depth'];
const CHURN_REASONS = [
  'Low adoption',
  'Budget cut',
  'Switched to a competitor',
  'Champion left',
  'Company acquired',
];
const HEALTH: ['healthy' | 'neutral' | 'at_risk', number][] = [
  ['healthy', 60],
  ['neutral', 25],
  ['at_risk', 15],
];
/** Customer deals that can still churn: in Retention. */
const CHURNABLE = new Set(['onboarding', 'active', 'renewal-due']);
const NEXT_STEPS = ['Send proposal', 'Book demo', 'Call back', 'Intro to CFO', 'Security review'];
const NOTE_LINES = [
  'Budget approved for next quarter; wants a rollout plan before signing.',
  'Asked about SSO and the data processing agreement.',
  'Champion is the ops lead; CFO signs above 50k.',
  'Comparing us with their incumbent; price is the main objection.',
  'Needs the integration with their warehouse system live by spring.',
  'Follow up after their board meeting next week.',
  'Wants references from a customer in the same industry.',
  'Pilot with two teams first, then company-wide.',
];

/** mulberry32: small, fast and good enough for demo data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(random: () => number, entries: [T, number][]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let pick = random() * total;
  for (const [value, weight] of entries) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

interface SeedUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/**
 * Realistic demo data, written through the real write path (so every row has its ops): a team,
 * companies with contacts, deals spread over the lifecycle with their stage histories, calls over
 * the last 90 days and a few notes, and handovers of the most recently won deals. Deterministic
 * for a given seed and anchor.
 */
export function seedDemoData(ctx: CoreContext, options: SeedOptions): SeedSummary {
  const anchor = options.anchor ?? ctx.now();
  const seeded = { ...options, anchor };
  // A database without deals is loaded in bulk (indexes built once at the end).
  const empty = !ctx.store.prepare('SELECT 1 FROM deals LIMIT 1').get();
  const summary = empty ? ctx.store.bulkLoad(() => seed(ctx, seeded)) : seed(ctx, seeded);
  // After the bulk load: the handover flow reads like the app does, through the indexes.
  const handovers = seedHandovers(ctx, { seed: options.seed ?? 1, anchor, count: 12 });
  return { ...summary, handovers };
}

function seed(
  ctx: CoreContext,
  options: SeedOptions & { anchor: number },
): Omit<SeedSummary, 'handovers'> {
  const seed = options.seed ?? 1;
  const anchor = options.anchor;
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  faker.seed(seed);
  const store = ctx.store;

  const repCount = Math.max(1, options.reps ?? 8);
  const dealCount = Math.max(0, options.deals);
  const callCount = Math.max(0, options.calls ?? Math.round(dealCount / 4));
  const accountCount = dealCount === 0 ? 0 : Math.max(1, Math.round(dealCount / 4));
  const progressTotal = accountCount + dealCount;

  // Team ---------------------------------------------------------------------------------------
  const roster: [Role, number][] = [
    ['admin', 1],
    ['manager', Math.max(1, Math.round(repCount / 6))],
    ['rep', repCount],
    ['success', Math.max(1, Math.round(repCount / 4))],
  ];
  const titles: Record<Role, string> = {
    admin: 'Sales Ops',
    manager: 'Sales Manager',
    rep: 'Account Executive',
    success: 'Customer Success Manager',
  };
  const users: SeedUser[] = [];
  for (const [role, count] of roster) {
    for (let i = 0; i < count; i++) {
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      const email = `${first}.${last}.${users.length + 1}@cockpit.example`
        .toLowerCase()
        .replace(/[^a-z0-9.@]/g, '');
      users.push({ id: userIdForEmail(email), name: `${first} ${last}`, email, role });
    }
  }
  const reps = users.filter((u) => u.role === 'rep');
  const success = users.filter((u) => u.role === 'success');

  store.write((w) => {
    if (!w.get('SELECT 1 FROM team WHERE id = ?', TEAM_ID)) {
      w.insert('team', {
        id: TEAM_ID,
        name: 'Northwind Sales',
        default_currency: 'EUR',
        time_zone: 'Europe/Berlin',
        created_at: anchor - 400 * DAY,
      });
    }
    for (const user of users) {
      if (w.get('SELECT 1 FROM users WHERE id = ?', user.id)) continue;
      w.insert('users', {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        title: titles[user.role],
        time_zone: 'Europe/Berlin',
        created_at: anchor - 400 * DAY,
      });
    }
  });
  if (!store.localSetting('current_user_id')) store.setLocalSetting('current_user_id', reps[0]!.id);

  // Accounts and contacts ----------------------------------------------------------------------
  interface SeedAccount {
    id: string;
    name: string;
    contactIds: string[];
  }
  const accounts: SeedAccount[] = [];
  let contactTotal = 0;
  const generateAccounts = (from: number, to: number) => {
    const accountRows: Fields[] = [];
    const contactRows: Fields[] = [];
    for (let i = from; i < to; i++) {
      // "Ferry-Lindgren - Bahringer" reads better as "Ferry-Lindgren & Bahringer".
      const name = faker.company.name().replace(' - ', ' & ');
      const domain = `${name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}.example`;
      const place = pick(PLACES);
      // Created in time order, so ids (UUIDv7) ascend and rows append to their tables.
      const createdAt =
        anchor - 720 * DAY + Math.floor(((i + random()) / accountCount) * 690 * DAY);
      const id = idAt(createdAt, random);
      accountRows.push({
        id,
        name,
        domain,
        industry: pick(INDUSTRIES),
        employees: Math.round(10 ** (1 + random() * 3.5)),
        region: place.region,
        country: place.country,
        city: place.city,
        owner_id: pick(reps).id,
        created_at: createdAt,
      });
      const account: SeedAccount = { id, name, contactIds: [] };
      const contactCount = random() < 0.3 ? 2 : 1;
      for (let c = 0; c < contactCount; c++) {
        const first = faker.person.firstName();
        const last = faker.person.lastName();
        const contactPlace = random() < 0.8 ? place : pick(PLACES);
        const contactId = idAt(createdAt + c, random);
        contactRows.push({
          id: contactId,
          account_id: id,
          first_name: first,
          last_name: last,
          email: `${first}.${last}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
          phone: `+${between(1, 49)} ${between(100, 999)} ${between(1000000, 9999999)}`,
          title: pick(TITLES),
          city: contactPlace.city,
          country: contactPlace.country,
          time_zone: contactPlace.timeZone,
          preferred_channel: pick(CHANNELS),
          consent: random() < 0.85 ? 'granted' : 'unknown',
          created_at: createdAt + c,
        });
        account.contactIds.push(contactId);
      }
      contactTotal += contactCount;
      accounts.push(account);
    }
    return { accountRows, contactRows };
  };
  for (let start = 0; start < accountCount; start += BATCH) {
    const end = Math.min(accountCount, start + BATCH);
    store.write((w) => {
      for (let from = start; from < end; from += CHUNK) {
        const rows = generateAccounts(from, Math.min(end, from + CHUNK));
        w.insertMany('accounts', rows.accountRows);
        w.insertMany('contacts', rows.contactRows);
      }
    });
    options.onProgress?.(end, progressTotal);
  }

  // Deals with their stage histories and calls -------------------------------------------------
  const order = DEFAULT_STAGES.map((stage) => stage.key);
  const wonIndex = order.indexOf('won');
  const stageIds = new Map(order.map((key) => [key, defaultStageId(key)]));
  const stageId = (key: string) => stageIds.get(key)!;
  const stageEntries = Object.entries(STAGE_WEIGHTS);
  const pathTo = (key: string): string[] => {
    // The stages a deal went through to reach `key`: the funnel in order, with stages often
    // skipped (a qualified lead goes straight to a proposal), through Won for customers in
    // Retention and Loyalty, and from some point of the funnel to Lost for lost deals.
    const target = key === 'lost' ? order[between(0, 5)]! : key;
    const index = order.indexOf(target);
    const steps = order
      .slice(0, Math.min(index, wonIndex) + 1)
      .filter((_, i, funnel) => i === 0 || i === funnel.length - 1 || random() < 0.25);
    if (index > wonIndex) {
      const retention = order.slice(order.indexOf('onboarding'), index + 1);
      steps.push(...retention.filter((step) => step === key || random() < 0.25));
    }
    if (key === 'lost') steps.push('lost');
    return steps;
  };
  // Every deal's stage first, so that the calls can be spread over the open deals exactly.
  const dealStages = Array.from({ length: dealCount }, () => weighted(random, stageEntries));
  const openCount = dealStages.filter((key) => order.indexOf(key) < wonIndex).length;
  const callsPerOpenDeal = openCount === 0 ? 0 : Math.floor(callCount / openCount);
  let extraCalls = openCount === 0 ? 0 : callCount % openCount;
  let stageMoves = 0;
  let notes = 0;
  let calls = 0;
  /** Won deals per account, for the customer pass after the deals. */
  const customerDeals = new Map<string, CustomerDeal[]>();

  const generateDeals = (from: number, to: number) => {
    const dealRows: Fields[] = [];
    const moveRows: Fields[] = [];
    const callRows: Fields[] = [];
    const noteRows: Fields[] = [];
    for (let i = from; i < to; i++) {
      const account = accounts[Math.floor(random() * accounts.length)]!;
      const contactId = pick(account.contactIds);
      const owner = pick(reps);
      const key = dealStages[i]!;
      const path = pathTo(key);
      // Deals are generated in creation order, so their ids ascend (see accounts).
      const createdAt = anchor - 240 * DAY + Math.floor(((i + random()) / dealCount) * 238 * DAY);
      const span = anchor - createdAt;
      const moveTimes = path.map((_, step) =>
        step === 0
          ? createdAt
          : createdAt + Math.floor((span * (step + random() * 0.5)) / (path.length + 0.5)),
      );
      const enteredAt = moveTimes[moveTimes.length - 1]!;
      const status = key === 'lost' ? 'lost' : order.indexOf(key) >= wonIndex ? 'won' : 'open';
      const id = idAt(createdAt, random);
      let lastActivity = enteredAt;

      if (status === 'open') {
        let count = callsPerOpenDeal;
        if (extraCalls > 0) {
          count += 1;
          extraCalls -= 1;
        }
        const from = Math.max(createdAt, anchor - 90 * DAY);
        for (let c = 0; c < count; c++) {
          const startedAt = from + Math.floor(random() * (anchor - from - 60_000));
          const disposition = weighted(random, DISPOSITIONS);
          const talked = ['connected', 'meeting_booked', 'not_interested'].includes(disposition);
          const seconds = talked ? between(90, 1_800) : between(15, 45);
          const endedAt = Math.min(anchor, startedAt + seconds * 1000);
          callRows.push({
            id: idAt(createdAt + 1 + c, random),
            deal_id: id,
            contact_id: contactId,
            rep_id: owner.id,
            direction: random() < 0.85 ? 'outbound' : 'inbound',
            started_at: startedAt,
            ended_at: endedAt,
            disposition,
            created_at: startedAt,
          });
          lastActivity = Math.max(lastActivity, endedAt);
        }
        calls += count;
      }

      dealRows.push({
        id,
        title: `${account.name} — ${pick(PRODUCTS)}`,
        account_id: account.id,
        contact_id: contactId,
        stage_id: stageId(key),
        owner_id: owner.id,
        value_minor: Math.round((2_000 + 148_000 * random() ** 2.2) / 100) * 100 * 100,
        currency: 'EUR',
        status,
        close_reason:
          status === 'lost' ? pick(LOSS_REASONS) : status === 'won' ? pick(WIN_REASONS) : null,
        closed_at: status === 'open' ? null : moveTimes[path.indexOf(status)]!,
        expected_close_at: status === 'open' ? anchor + between(3, 90) * DAY : null,
        next_step: status === 'open' ? pick(NEXT_STEPS) : null,
        follow_up_at:
          status === 'open' && random() < 0.6
            ? anchor + between(-3 * 24, 10 * 24) * 3_600_000
            : null,
        source: pick(SOURCES),
        position: -enteredAt,
        stage_entered_at: enteredAt,
        last_activity_at: lastActivity,
        created_at: createdAt,
      });
      path.forEach((stepKey, step) => {
        moveRows.push({
          id: idAt(createdAt + step, random),
          deal_id: id,
          from_stage_id: step === 0 ? null : stageId(path[step - 1]!),
          to_stage_id: stageId(stepKey),
          moved_at: moveTimes[step]!,
          moved_by: status === 'won' && step > path.indexOf('won') ? pick(success).id : owner.id,
          created_at: moveTimes[step]!,
        });
      });
      stageMoves += path.length;
      if (status === 'won') {
        const list = customerDeals.get(account.id) ?? [];
        list.push({ id, key, enteredAt, ownerId: owner.id });
        customerDeals.set(account.id, list);
      }
      if (random() < 0.2) {
        noteRows.push({
          id: idAt(createdAt + 1, random),
          deal_id: id,
          account_id: account.id,
          author_id: owner.id,
          body: pick(NOTE_LINES),
          created_at: enteredAt,
        });
        notes += 1;
      }
    }
    return { dealRows, moveRows, callRows, noteRows };
  };

  for (let start = 0; start < dealCount; start += BATCH) {
    const end = Math.min(dealCount, start + BATCH);
    store.write((w) => {
      // Generated and written in small chunks, so the row objects die young (cheap to collect).
      for (let from = start; from < end; from += CHUNK) {
        const rows = generateDeals(from, Math.min(end, from + CHUNK));
        w.insertMany('deals', rows.dealRows);
        w.insertMany('stage_history', rows.moveRows);
        w.insertMany('calls', rows.callRows);
        w.insertMany('notes', rows.noteRows);
      }
    });
    options.onProgress?.(accountCount + Math.min(dealCount, start + BATCH), progressTotal);
  }

  const customers = seedCustomers(ctx, {
    seed,
    anchor,
    customerDeals,
    contactsOf: new Map(accounts.map((a) => [a.id, a.contactIds])),
    success: success.map((u) => u.id),
  });

  const scoredCalls = seedCallScores(ctx, {
    seed,
    anchor,
    count: Math.min(60, Math.ceil(calls / 50)),
  });

  return {
    users: users.length,
    accounts: accounts.length,
    contacts: contactTotal,
    deals: dealCount,
    stageMoves: stageMoves + customers.churned,
    calls,
    notes,
    answers: customers.answers,
    scoredCalls,
  };
}

/** What a rep writes into a required section the first draft left empty, by section. */
const HANDOVER_TEXT: Record<string, string[]> = {
  goals: [
    '- Cut the time from signed order to go-live from six weeks to two.\n- Success: 80% of the team active every week by the 90-day check-in.',
    '- One place for the whole pipeline instead of three spreadsheets.\n- Success: the monthly forecast comes out of the tool, with no manual merge.',
    '- Reach every new lead within an hour.\n- Success: speed to lead under 60 minutes for a whole quarter.',
  ],
  stakeholders: [
    '- **Champion:** the head of operations, who ran the trial.\n- **Signs:** the CFO (above 50k).\n- **Daily users:** the sales team, about 25 people.',
    '- **Champion:** the VP Sales.\n- **Decides:** the COO, with IT on security.\n- **Daily users:** two sales teams in two offices.',
  ],
  sold: ['- Platform licence for 25 seats, annual.\n- Term: 12 months, renewing automatically.'],
  promises: [
    '- An onboarding workshop for the team in the first two weeks.\n- SSO set up before go-live.\n- A monthly check-in with their success manager for the first quarter.',
    '- The warehouse integration live by the end of next quarter.\n- Data migrated from their old CRM by us, at no extra cost.',
    '- A named success manager and a reply within one working day.\n- Two extra seats free for the pilot team until renewal.',
  ],
};

/**
 * Deals that were seeded or imported as won have no handover (the core makes one when a deal
 * moves to Won): the most recently won get their drafts here, from the core's own draft, and a few
 * are taken along the flow by the people who would, through the core's own steps: one submitted to
 * customer success, one in review with a question, one sent back for changes and one accepted (its
 * deal moves to Onboarding). Every step happens between the win and the anchor, with its ids drawn
 * from the seed, so the same seed gives the same handovers.
 */
function seedHandovers(
  ctx: CoreContext,
  options: { seed: number; anchor: number; count: number },
): number {
  const { anchor } = options;
  const random = prng((options.seed ^ 0x4a9d_0c3e) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const won = ctx.store
    .prepare(
      `SELECT id, owner_id AS ownerId, closed_at AS wonAt FROM deals
        WHERE stage_id = ? AND deleted_at IS NULL AND closed_at IS NOT NULL AND closed_at <= ?
        ORDER BY closed_at DESC, id LIMIT ?`,
    )
    .all(defaultStageId('won'), anchor, options.count) as {
    id: string;
    ownerId: string | null;
    wonAt: number;
  }[];
  const successIds = (
    ctx.store
      .prepare(
        `SELECT id FROM users WHERE role = 'success' AND active = 1 AND deleted_at IS NULL
          ORDER BY id`,
      )
      .all() as { id: string }[]
  ).map((u) => u.id);
  // Oldest first: the longer ago a deal was won, the further its handover has come.
  const made = ctx.store.write((w) =>
    won
      .reverse()
      .map((deal) => ({ ...deal, handoverId: draftHandoverAtWon(w, deal.id, null, deal.wonAt) })),
  );
  const flows = ['accepted', 'changes_requested', 'in_review', 'submitted'] as const;
  const signedIn = ctx.store.localSetting('current_user_id');
  try {
    made.slice(0, successIds.length > 0 ? flows.length : 0).forEach((deal, i) => {
      const { handoverId: id, ownerId: authorId } = deal;
      if (!id || !authorId) return;
      const flow = flows[i]!;
      const ownerId = successIds[i % successIds.length]!;
      // Steps a fifth of the way from the win to the anchor, each as its person, at its time.
      const step = (k: number) => deal.wonAt + Math.floor(((anchor - deal.wonAt) * k) / 5);
      const as = (userId: string, at: number): CoreContext => {
        ctx.store.setLocalSetting('current_user_id', userId);
        return { ...ctx, now: () => at, newId: () => idAt(at, random) };
      };
      const author = as(authorId, step(1));
      for (const section of readSections(ctx, id)) {
        if (section.required === 0 || section.body.trim() !== '') continue;
        const body = pick(HANDOVER_TEXT[section.sectionId] ?? ['Agreed on the last call.']);
        updateSection(author, { id, sectionId: section.sectionId, body });
      }
      setOwner(author, { id, userId: ownerId });
      submitHandover(author, { id });
      if (flow === 'submitted') return;
      reviewHandover(as(ownerId, step(2)), { id });
      const owner = as(ownerId, step(3));
      if (flow === 'in_review') {
        commentOn(owner, {
          id,
          sectionId: 'timeline',
          body: 'Is the go-live date firm? Their IT team was not on any of the calls.',
        });
      } else if (flow === 'changes_requested') {
        decideHandover(owner, {
          id,
          decision: 'requestChanges',
          comments: [
            {
              sectionId: 'promises',
              body: 'Which of these are in the contract? Please add the date we gave for SSO.',
            },
          ],
        });
      } else decideHandover(owner, { id, decision: 'accept' });
    });
  } finally {
    ctx.store.setLocalSetting('current_user_id', signedIn);
  }
  return made.filter((deal) => deal.handoverId !== null).length;
}

/**
 * The newest connected calls of the last 30 days get a made-up transcript (the rep under their
 * own name) and its local score, so the call pages, the Coaching tab and the dashboard's scores
 * have something to show. Deterministic for a seed.
 */
function seedCallScores(
  ctx: CoreContext,
  options: { seed: number; anchor: number; count: number },
): number {
  if (options.count === 0) return 0;
  const calls = ctx.store
    .prepare(
      `SELECT c.id, c.rep_id AS repId, u.name AS repName, c.started_at AS startedAt,
              c.ended_at AS endedAt
         FROM calls c JOIN users u ON u.id = c.rep_id
        WHERE c.disposition IN ('connected', 'meeting-booked') AND c.ended_at IS NOT NULL
              AND c.started_at >= ? AND c.deleted_at IS NULL
        ORDER BY c.started_at DESC, c.id LIMIT ?`,
    )
    .all(options.anchor - 30 * DAY, options.count) as {
    id: string;
    repId: string;
    repName: string;
    startedAt: number;
    endedAt: number;
  }[];
  ctx.store.write((w) => {
    calls.forEach((call, i) => {
      const minutes = Math.min(9, Math.max(2, (call.endedAt - call.startedAt) / 60_000));
      const generated = generateCall({ seed: options.seed * 10_000 + i, minutes });
      const name = (speaker: string) => (speaker === 'Rep' ? call.repName : speaker);
      const transcript = {
        ...generated,
        speakers: generated.speakers.map(name),
        repSpeaker: call.repName,
        segments: generated.segments.map((s) => ({ ...s, speaker: name(s.speaker) })),
      };
      writeTranscript(w, call.id, { transcript, repFoundBy: 'name' }, call.endedAt);
      const score = withSource(scoreLocally(transcript, DEFAULT_SCORING_CONFIG), 'local');
      writeScore(w, call, score, call.endedAt, call.endedAt);
    });
  });
  return calls.length;
}

interface CustomerDeal {
  id: string;
  key: string;
  enteredAt: number;
  ownerId: string;
}

/**
 * The customers' side of the lifecycle: each account with a won deal gets a renewal date (from
 * four months ago to eight months ahead), a health, a few NPS and CSAT answers over the last half
 * year that follow its health, and some whose renewal has passed churned (their deal in Retention
 * moved to Lost with a reason). Its own random sequence, so the data before it stays the same.
 */
function seedCustomers(
  ctx: CoreContext,
  input: {
    seed: number;
    anchor: number;
    customerDeals: Map<string, CustomerDeal[]>;
    contactsOf: Map<string, string[]>;
    success: string[];
  },
): { churned: number; answers: number } {
  const { anchor } = input;
  const random = prng((input.seed ^ 0x5eed_c0de) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const lost = defaultStageId('lost');
  let churned = 0;
  let answers = 0;
  const entries = [...input.customerDeals.entries()];
  for (let start = 0; start < entries.length; start += BATCH) {
    ctx.store.write((w) => {
      for (const [accountId, deals] of entries.slice(start, start + BATCH)) {
        const renewalAt = anchor + between(-120, 240) * DAY;
        let health = weighted(random, HEALTH);
        const churnable = deals.filter((d) => CHURNABLE.has(d.key));
        const churnAt = Math.min(anchor - 3_600_000, renewalAt + between(0, 20) * DAY);
        const victim = churnable.find((d) => d.enteredAt < churnAt);
        const churns = renewalAt < anchor && victim !== undefined && random() < 0.15;
        if (churns) {
          health = 'at_risk';
          w.update('deals', victim.id, {
            stage_id: lost,
            status: 'lost',
            close_reason: pick(CHURN_REASONS),
            closed_at: churnAt,
            stage_entered_at: churnAt,
            last_activity_at: churnAt,
            position: -churnAt,
          });
          w.insert('stage_history', {
            id: idAt(churnAt, random),
            deal_id: victim.id,
            from_stage_id: defaultStageId(victim.key),
            to_stage_id: lost,
            moved_at: churnAt,
            moved_by: input.success.length > 0 ? pick(input.success) : victim.ownerId,
            created_at: churnAt,
          });
          churned += 1;
        }
        w.update('accounts', accountId, { renewal_at: renewalAt, health });
        // Answers follow how the customer feels: promoters among the healthy, detractors among
        // those at risk.
        const [npsLow, npsHigh, csatLow] =
          health === 'healthy' ? [7, 10, 4] : health === 'neutral' ? [5, 9, 3] : [0, 7, 1];
        const contacts = input.contactsOf.get(accountId) ?? [];
        const answer = (kind: 'nps' | 'csat', score: number) => {
          const answeredAt = anchor - between(0, 180 * 24) * 3_600_000;
          w.insert('satisfaction_responses', {
            id: idAt(answeredAt, random),
            account_id: accountId,
            contact_id: contacts.length > 0 ? pick(contacts) : null,
            kind,
            score,
            answered_at: answeredAt,
            created_at: answeredAt,
          });
          answers += 1;
        };
        for (let i = between(0, 3); i > 0; i--) answer('nps', between(npsLow, npsHigh));
        for (let i = between(0, 2); i > 0; i--) answer('csat', between(csatLow, 5));
      }
    });
  }
  return { churned, answers };
}
