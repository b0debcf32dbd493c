/**
 * Handovers for screenshots: `node --import tsx tests/helpers/seedHandovers.ts <db>` fills a new
 * database (Sam's laptop, or Ada's with `ada` after it) and prints the ids of two as JSON.
 */
import { createCore } from '../../src/core/createCore';
import { defaultStageId } from '../../src/core/pipeline';
import { userIdForEmail } from '../../src/core/team';

/**
 * A success team's week, written straight into a laptop's database through the core: six won
 * deals from three reps, handed over to Sam (and one to Max) in every state.
 */
export async function seedHandovers(
  dbPath: string,
  signedIn: 'sam' | 'ada' = 'sam',
): Promise<{ reviewing: string; sentBack: string }> {
  const DAY = 86_400_000;
  const clock = { now: Date.now() - 6 * DAY };
  const core = createCore({ dbPath, now: () => clock.now, sync: { autoStart: false } });
  const people = {
    sam: { name: 'Sam Carter', role: 'success' },
    ada: { name: 'Ada Lovelace', role: 'rep' },
    ray: { name: 'Ray Okafor', role: 'rep' },
    rita: { name: 'Rita Moreno', role: 'rep' },
    max: { name: 'Max Weber', role: 'manager' },
    jo: { name: 'Jo Park', role: 'success' },
  } as const;
  type Who = keyof typeof people;
  const id = (who: Who) => userIdForEmail(`${who}@northwind.example`);
  await core.call('team.setup', {
    teamName: 'Northwind Sales',
    userName: people.sam.name,
    email: 'sam@northwind.example',
    currency: 'EUR',
  });
  core.store.write((w) => {
    for (const [who, person] of Object.entries(people)) {
      const userId = id(who as Who);
      if (w.get('SELECT 1 AS x FROM users WHERE id = ?', userId)) {
        w.update('users', userId, { role: person.role });
      } else {
        w.insert('users', { ...person, id: userId, email: `${who}@northwind.example` });
      }
    }
  });
  const as = (who: Who) => core.store.setLocalSetting('current_user_id', id(who));
  const later = (hours: number) => (clock.now += hours * 3_600_000);

  const win = async (
    rep: Who,
    deal: { title: string; account: string; contact: [string, string, string]; value: number },
    notes: string[],
  ) => {
    as(rep);
    const account = await core.call('accounts.create', { name: deal.account });
    const contact = await core.call('contacts.create', {
      firstName: deal.contact[0],
      lastName: deal.contact[1],
      title: deal.contact[2],
      email: `${deal.contact[0].toLowerCase()}@${deal.account.split(' ')[0]!.toLowerCase()}.example`,
      accountId: account.id,
    });
    const created = await core.call('deals.create', {
      title: deal.title,
      accountId: account.id,
      contactId: contact.id,
      stageId: defaultStageId('proposal'),
      valueMinor: deal.value * 100,
      currency: 'EUR',
      nextStep: 'Kick-off call in the first week',
    });
    for (const body of notes) {
      later(3);
      await core.call('notes.create', { dealId: created.id, body });
    }
    later(2);
    await core.call('deals.move', {
      id: created.id,
      stageId: defaultStageId('won'),
      reason: 'Best fit for their workflow',
    });
    return (await core.call('handover.forDeal', { dealId: created.id })).id!;
  };
  const write = async (handover: string, sections: Record<string, string>) => {
    for (const [sectionId, body] of Object.entries(sections)) {
      await core.call('handover.updateSection', { id: handover, sectionId, body });
    }
  };
  const submit = async (rep: Who, handover: string, owner: Who) => {
    as(rep);
    await core.call('handover.setOwner', { id: handover, userId: id(owner) });
    later(1);
    await core.call('handover.submit', { id: handover });
  };
  const promised = '- SSO with Azure AD by 1 March\n- A named onboarding manager for 90 days';
  const goals =
    '- Cut onboarding of new technicians **from 6 weeks to 4** by June\n' +
    '- Success: 90% of jobs booked in the app after 3 months';

  const acme = await win(
    'ada',
    {
      title: 'Acme Robotics — 40 seats',
      account: 'Acme Robotics',
      contact: ['Dana', 'Smith', 'VP Operations'],
      value: 48_000,
    },
    [
      'Their goal is to cut onboarding time for new technicians by 30%. We promised SSO with Azure AD by 1 March.',
      'Lee is worried about the rollout cost. Dana saw the demo of the scheduling module.',
    ],
  );
  await write(acme, { goals, promises: promised });
  const globex = await win(
    'ray',
    {
      title: 'Globex — Field service suite',
      account: 'Globex Corporation',
      contact: ['Hank', 'Scorpio', 'COO'],
      value: 126_000,
    },
    ['The goal is one schedule for all 300 field engineers. We promised a Salesforce sync.'],
  );
  await write(globex, {
    goals: '- One schedule for all 300 field engineers\n- First-time fix rate up from 71% to 80%',
    promises: '- Two-way Salesforce sync at go-live\n- 99.9% uptime SLA',
  });
  const initech = await win(
    'ada',
    {
      title: 'Initech — Analytics add-on',
      account: 'Initech',
      contact: ['Bill', 'Lumbergh', 'Director of IT'],
      value: 18_500,
    },
    ['They want weekly reports for the management team.'],
  );
  await write(initech, { goals: '- Weekly reports for management', promises: '- Custom report' });
  const umbrella = await win(
    'ray',
    {
      title: 'Umbrella Health — 120 seats',
      account: 'Umbrella Health',
      contact: ['Alice', 'Abernathy', 'Head of Nursing'],
      value: 96_000,
    },
    [],
  );
  const stark = await win(
    'rita',
    {
      title: 'Stark Logistics — Renewal and upsell',
      account: 'Stark Logistics',
      contact: ['Pepper', 'Potts', 'CEO'],
      value: 210_000,
    },
    ['Goal: route planning for the whole fleet. We promised quarterly business reviews.'],
  );
  await write(stark, { goals, promises: '- Quarterly business reviews with Pepper' });
  const wayne = await win(
    'rita',
    {
      title: 'Wayne Retail — Pilot',
      account: 'Wayne Retail',
      contact: ['Lucius', 'Fox', 'CTO'],
      value: 12_000,
    },
    ['A three-month pilot in two stores; the goal is fewer missed deliveries.'],
  );
  await write(wayne, {
    goals: '- Fewer missed deliveries in two pilot stores',
    promises: '- None',
  });

  later(20);
  await submit('rita', stark, 'sam');
  as('sam');
  later(2);
  await core.call('handover.review', { id: stark });
  await core.call('handover.decide', { id: stark, decision: 'accept' });
  later(18);
  await submit('ada', initech, 'sam');
  as('sam');
  later(3);
  await core.call('handover.review', { id: initech });
  await core.call('handover.comment', {
    id: initech,
    sectionId: 'promises',
    body: 'Which custom report exactly? Please link the mock-up we showed them.',
  });
  await core.call('handover.decide', {
    id: initech,
    decision: 'requestChanges',
    comments: [{ sectionId: 'goals', body: 'How will they measure it? Add a number.' }],
  });
  later(14);
  await submit('rita', wayne, 'max');
  later(5);
  await submit('ray', globex, 'sam');
  as('sam');
  later(2);
  await core.call('handover.review', { id: globex });
  await core.call('handover.comment', {
    id: globex,
    sectionId: 'promises',
    body: 'Is the Salesforce sync in the standard plan, or did we promise custom work?',
  });
  later(4);
  await submit('ada', acme, 'sam');
  as('ray');
  await write(umbrella, { goals: '- Nurses spend less time on rosters' });
  as(signedIn);
  core.close();
  return { reviewing: globex, sentBack: initech };
}

const [dbPath, signedIn] = process.argv.slice(2);
if (dbPath) {
  const ids = await seedHandovers(dbPath, signedIn === 'ada' ? 'ada' : 'sam');
  process.stdout.write(`${JSON.stringify(ids)}\n`);
}
