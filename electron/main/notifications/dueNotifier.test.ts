import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { createCore, type Core } from '../../../src/core';
import { derivedId } from '../../../src/shared/ids';
import { startDueNotifier } from './dueNotifier';
import type { Notice } from './dueNotices';

let core: Core | undefined;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  core?.close();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MINUTE = 60_000;

async function setUp() {
  core = createCore({ dbPath: tempDbPath() });
  const info = await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Ada Lovelace',
    email: 'ada@northwind.example',
    currency: 'EUR',
  });
  const contact = await core.call('contacts.create', { firstName: 'Dana', lastName: 'Smith' });
  const deal = await core.call('deals.create', { title: 'Acme Robotics', contactId: contact.id });
  return { core, me: info.currentUser!.id, contact, deal };
}

function notifier(c: Core) {
  const shown: Notice[] = [];
  const running = startDueNotifier({ core: c, show: (notice) => shown.push(notice) });
  stop = running.dispose;
  return { shown, ready: running.ready };
}

describe('due follow-ups notify from the main process', () => {
  it('announces a follow-up when it comes due, once, and opens its deal', async () => {
    const { core, deal } = await setUp();
    const { shown, ready } = notifier(core);
    await ready;
    await core.call('followUps.create', {
      dealId: deal.id,
      dueAt: Date.now() + 600,
      kind: 'call',
    });
    expect(shown).toEqual([]);
    await vi.waitFor(() => expect(shown).toHaveLength(1), { timeout: 5_000 });
    expect(shown).toEqual([
      {
        title: 'Follow-up due: Acme Robotics',
        body: 'Call Acme Robotics',
        route: `/deals/${deal.id}`,
      },
    ]);
    // Another change to the follow-ups does not announce it again.
    await core.call('followUps.create', { dealId: deal.id, dueAt: Date.now() + 3_600_000 });
    await wait(50);
    expect(shown).toHaveLength(1);
  });

  it('does not announce what was already due when the app started', async () => {
    const { core, contact } = await setUp();
    await core.call('followUps.create', {
      contactId: contact.id,
      dueAt: Date.now() - 30 * MINUTE,
      title: 'Send the contract',
    });
    const { shown, ready } = notifier(core);
    await ready;
    await wait(50);
    expect(shown).toEqual([]);
  });

  it('announces a handover decision that arrives by sync already due', async () => {
    const { core, me, deal } = await setUp();
    const { shown, ready } = notifier(core);
    await ready;
    // What the success owner's laptop wrote when it asked for changes, as sync applies it here:
    // a follow-up for the author, due when the decision was taken, ten minutes ago.
    core.store.write((w) =>
      w.insert('follow_ups', {
        id: derivedId('handover-notice', 'h1:1:decided'),
        deal_id: deal.id,
        owner_id: me,
        due_at: Date.now() - 10 * MINUTE,
        kind: 'task',
        title: 'Changes requested on 2 sections: Acme Robotics',
        status: 'open',
        done_at: null,
      }),
    );
    await vi.waitFor(() => expect(shown).toHaveLength(1), { timeout: 5_000 });
    expect(shown).toEqual([
      {
        title: 'Follow-up due: Acme Robotics',
        body: 'Changes requested on 2 sections: Acme Robotics',
        route: `/deals/${deal.id}`,
      },
    ]);
  });

  it('announces a snoozed follow-up again when it comes due again', async () => {
    const { core, deal } = await setUp();
    const { shown, ready } = notifier(core);
    await ready;
    const followUp = await core.call('followUps.create', {
      dealId: deal.id,
      dueAt: Date.now() + 50,
    });
    await vi.waitFor(() => expect(shown).toHaveLength(1), { timeout: 5_000 });
    await core.call('followUps.snooze', { id: followUp.id, until: Date.now() + 100 });
    await vi.waitFor(() => expect(shown).toHaveLength(2), { timeout: 5_000 });
    expect(shown[1]).toEqual(shown[0]);
  });

  it('sums up many at once in one notification that opens the reminders', async () => {
    const { core, deal } = await setUp();
    const { shown, ready } = notifier(core);
    await ready;
    const due = Date.now() + 1_000;
    for (let i = 0; i < 5; i += 1) {
      await core.call('followUps.create', { dealId: deal.id, dueAt: due, title: `Step ${i}` });
    }
    await vi.waitFor(() => expect(shown).toHaveLength(1), { timeout: 5_000 });
    await wait(50);
    expect(shown).toEqual([
      { title: '5 follow-ups due', body: 'Acme Robotics and 4 more', route: '/reminders' },
    ]);
  });
});
