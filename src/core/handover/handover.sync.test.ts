/**
 * Two laptops editing one handover apart, then syncing: sections and comments are rows of their
 * own, so edits of different sections both survive; the same section edited on both converges
 * on one text everywhere and the other lands in the conflicts inbox, named and linked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  fixtureDeal,
  NOV,
  STAGE,
  teamLaptop,
  winDeal,
  type Laptop,
  type Person,
} from '../../../tests/helpers/handoverTeam';
import { SyncEngine, engineOptions } from '../sync';
import { MemoryHub, MemoryTransport } from '../sync/memoryTransport';

const open: Laptop[] = [];
afterEach(() => {
  for (const laptop of open.splice(0)) laptop.core.close();
});

/** Ada's laptop and Max's (her manager), on one clock and one workspace. */
async function twoLaptops() {
  const clock = { now: NOV(1) };
  const hub = new MemoryHub();
  const make = async (person: Person) => {
    const laptop = await teamLaptop(clock, person);
    open.push(laptop);
    const engine = new SyncEngine(
      laptop.core.store,
      laptop.core.events,
      new MemoryTransport(hub),
      { kind: 'folder', path: 'memory', name: 'Northwind' },
      engineOptions(laptop.core.context),
    );
    return { ...laptop, engine };
  };
  const ada = await make('ada');
  const max = await make('max');
  const sync = async () => {
    await ada.engine.syncNow();
    await max.engine.syncNow();
    await ada.engine.syncNow();
  };
  return { clock, ada, max, sync };
}

const sectionBody = async (laptop: Laptop, id: string, sectionId: string) =>
  (await laptop.core.call('handover.get', { id })).sections.find((s) => s.sectionId === sectionId)
    ?.body;

describe('a handover edited on two laptops', () => {
  it('keeps both people’s work on different sections, and both sides’ comments', async () => {
    const { clock, ada, max, sync } = await twoLaptops();
    const { dealId } = await fixtureDeal(ada);
    const id = await winDeal(ada, dealId);
    await sync();
    expect((await max.core.call('handover.list', {})).items.map((i) => i.id)).toEqual([id]);
    expect(await sectionBody(max, id, 'promises')).toBe(await sectionBody(ada, id, 'promises'));

    // Apart: Ada writes the goals, Max the risks; each comments.
    clock.now = NOV(6, 9);
    await ada.core.call('handover.updateSection', {
      id,
      sectionId: 'goals',
      body: 'Cut onboarding time by 30% by June.',
    });
    await ada.core.call('handover.comment', { id, sectionId: 'goals', body: 'Dana confirmed.' });
    clock.now = NOV(6, 10);
    await max.core.call('handover.updateSection', {
      id,
      sectionId: 'risks',
      body: 'Lee (CFO) thinks the price is steep: the 10% discount holds for year one only.',
    });
    await max.core.call('handover.comment', { id, body: 'Looks complete to me.' });
    await sync();

    for (const laptop of [ada, max]) {
      const doc = await laptop.core.call('handover.get', { id });
      const bodies = Object.fromEntries(doc.sections.map((s) => [s.sectionId, s.body]));
      expect(bodies.goals).toBe('Cut onboarding time by 30% by June.');
      expect(bodies.risks).toBe(
        'Lee (CFO) thinks the price is steep: the 10% discount holds for year one only.',
      );
      expect(doc.comments.map((c) => [c.authorName, c.body])).toEqual([
        ['Ada Lovelace', 'Dana confirmed.'],
        ['Max Weber', 'Looks complete to me.'],
      ]);
      expect(await laptop.core.call('sync.conflicts', {})).toEqual([]);
    }
  });

  it('puts the same section edited on both into the conflicts inbox, and both laptops agree', async () => {
    const { clock, ada, max, sync } = await twoLaptops();
    const { dealId } = await fixtureDeal(ada);
    const id = await winDeal(ada, dealId);
    await sync();

    clock.now = NOV(6, 9);
    await ada.core.call('handover.updateSection', {
      id,
      sectionId: 'promises',
      body: 'SSO with Azure AD by 1 March.',
    });
    clock.now = NOV(6, 10);
    await max.core.call('handover.updateSection', {
      id,
      sectionId: 'promises',
      body: 'SSO by 1 March; a dedicated CSM for the first 90 days.',
    });
    await sync();

    const kept = await sectionBody(ada, id, 'promises');
    expect(await sectionBody(max, id, 'promises')).toBe(kept);
    const texts = [
      'SSO with Azure AD by 1 March.',
      'SSO by 1 March; a dedicated CSM for the first 90 days.',
    ];
    expect(texts).toContain(kept);
    const inboxes = [
      await ada.core.call('sync.conflicts', {}),
      await max.core.call('sync.conflicts', {}),
    ];
    const conflicts = inboxes.flat();
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) {
      expect(conflict).toMatchObject({
        table: 'handover_sections',
        column: 'body',
        record: 'Handover section “Promises and commitments made of Acme Robotics — 40 seats”',
        field: 'Body',
        href: `/handovers/${id}`,
      });
      expect(conflict.kept.value).toBe(kept);
      expect([conflict.kept.value, conflict.lost.value].sort()).toEqual([...texts].sort());
    }
    // Settling it on one laptop settles it on the other.
    const conflict = conflicts[0]!;
    const where = inboxes[0]!.length > 0 ? ada : max;
    await where.core.call('sync.resolveConflict', { id: conflict.id, keep: 'lost' });
    await sync();
    expect(await sectionBody(ada, id, 'promises')).toBe(conflict.lost.value);
    expect(await sectionBody(max, id, 'promises')).toBe(conflict.lost.value);
    expect(await ada.core.call('sync.conflicts', {})).toEqual([]);
    expect(await max.core.call('sync.conflicts', {})).toEqual([]);
  });

  it('makes one handover of a deal won on both laptops apart', async () => {
    const { clock, ada, max, sync } = await twoLaptops();
    const { dealId } = await fixtureDeal(ada);
    await sync();
    await winDeal(ada, dealId);
    clock.now = NOV(5, 12);
    max.as('max');
    await max.core.call('deals.move', { id: dealId, stageId: STAGE.won, reason: 'Signed' });
    await sync();
    for (const laptop of [ada, max]) {
      const { items } = await laptop.core.call('handover.list', {});
      expect(items).toHaveLength(1);
      const doc = await laptop.core.call('handover.get', { id: items[0]!.id });
      expect(doc.sections).toHaveLength(8);
    }
    const ids = (laptop: Laptop) =>
      laptop.core.store.db.prepare('SELECT id FROM handover_sections ORDER BY id').pluck().all();
    expect(ids(max)).toEqual(ids(ada));
  });
});
