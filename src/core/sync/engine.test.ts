import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, tempDir } from '../../../tests/helpers/tempDir';
import type { DataChanged } from '../../shared/contract';
import { createCore, type Core } from '../createCore';
import { contentHash } from '../store/contentHash';
import { SyncEngine, engineOptions } from './index';
import { MemoryHub, MemoryTransport } from './memoryTransport';

const open: Core[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

async function device(name: string): Promise<Core> {
  // Local edits wait for an explicit sync.now, so that the tests decide who sees what when.
  const core = createCore({
    dbPath: tempDbPath(),
    sync: { autoStart: false, pollMs: 50, debounceMs: 60_000 },
  });
  open.push(core);
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: name,
    email: `${name.toLowerCase()}@northwind.example`,
    currency: 'EUR',
  });
  return core;
}

function memoryEngine(core: Core, hub: MemoryHub, snapshotEvery?: number): SyncEngine {
  return new SyncEngine(
    core.store,
    core.events,
    new MemoryTransport(hub),
    { kind: 'folder', path: 'memory', name: 'Test' },
    { ...engineOptions(core.context), snapshotEvery },
  );
}

/**
 * Every file under a folder: to show that nothing was deleted (`.part` files come and go while
 * a device rewrites its own device file).
 */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.part'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('the sync engine', () => {
  it('brings three devices to the same content through a transport, and says where they stand', async () => {
    const hub = new MemoryHub();
    const cores = await Promise.all(['Ada', 'Ben', 'Cy'].map(device));
    const engines = cores.map((core) => memoryEngine(core, hub));
    const remote: DataChanged[] = [];
    cores[1]!.events.on('data.changed', (change) => {
      if (change.origin === 'remote') remote.push(change);
    });
    for (const [i, core] of cores.entries()) {
      await core.call('deals.create', { title: `Deal from device ${i}`, valueMinor: 1_000_00 });
    }
    for (let round = 0; round < 2; round++) for (const engine of engines) await engine.syncNow();

    const hashes = cores.map((core) => contentHash(core.store));
    expect(new Set(hashes).size).toBe(1);
    const titles = await cores[1]!.call('deals.list', {
      sort: { field: 'title', direction: 'asc' },
    });
    expect(titles.items.map((d) => d.title)).toEqual([
      'Deal from device 0',
      'Deal from device 1',
      'Deal from device 2',
    ]);
    expect(remote.some((change) => change.tables.includes('deals'))).toBe(true);

    const status = engines[0]!.status();
    expect(status).toMatchObject({ state: 'idle', pendingOps: 0, problems: [] });
    expect(status.devices.map((d) => d.userName).sort()).toEqual(['Ben', 'Cy']);
    expect(status.devices.every((d) => d.behind === 0 && d.appliedSeq > 0)).toBe(true);
  });

  it('starts a new device from the newest snapshot, then takes the ops after it', async () => {
    const hub = new MemoryHub();
    const ada = await device('Ada');
    const adaEngine = memoryEngine(ada, hub, 10);
    for (let i = 0; i < 5; i++) await ada.call('accounts.create', { name: `Account ${i}` });
    await adaEngine.syncNow();
    expect(hub.snapshot?.device).toBe(ada.store.deviceId);
    await ada.call('accounts.create', { name: 'After the snapshot' });
    await adaEngine.syncNow();

    const ben = await device('Ben');
    // Ben's own first ops must not make it skip the snapshot: it has applied nobody's yet.
    await memoryEngine(ben, hub).syncNow();
    const names = (await ben.call('accounts.list', {})).items.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Account 0', 'Account 4', 'After the snapshot']));
    expect(ben.store.appliedVector()[ada.store.deviceId]).toBe(ada.store.lastSeq);
  });

  it('halts instead of reusing seqs when the database was put back from a backup', async () => {
    const hub = new MemoryHub();
    const ada = await device('Ada');
    const backup = tempDbPath('backup.db');
    await ada.store.db.backup(backup);
    const engine = memoryEngine(ada, hub);
    await ada.call('deals.create', { title: 'Published, then the laptop died' });
    await engine.syncNow();
    await engine.stop();
    expect(hub.devices.get(ada.store.deviceId)?.publishedHlc).toBeTruthy();

    const restored = createCore({ dbPath: backup, sync: { autoStart: false } });
    open.push(restored);
    expect(restored.store.deviceId).toBe(ada.store.deviceId);
    await restored.call('deals.create', { title: 'Typed after the restore' });
    const status = await memoryEngine(restored, hub).syncNow();
    expect(status.state).toBe('halted');
    expect(status.message).toMatch(/restored from a backup/);
    // What was published is untouched.
    expect(hub.logs.get(ada.store.deviceId)!.at(-1)!.lastSeq).toBe(ada.store.lastSeq);
  });

  it('syncs through a shared folder: create, join, edits both ways, conflicts settled everywhere', async () => {
    const folder = tempDir();
    const ada = await device('Ada');
    const ben = await device('Ben');
    const created = await ada.call('sync.createWorkspace', { folder, name: 'Northwind' });
    expect(created).toMatchObject({ state: 'idle', workspace: { kind: 'folder', path: folder } });
    expect(JSON.parse(readFileSync(join(folder, 'workspace.json'), 'utf8'))).toMatchObject({
      name: 'Northwind',
    });
    const deal = await ada.call('deals.create', { title: 'Fleet rollout', nextStep: 'Call' });
    await ada.call('sync.now', {});
    const joined = await ben.call('sync.joinWorkspace', { folder });
    expect(joined.workspace?.name).toBe('Northwind');
    expect((await ben.call('deals.get', { id: deal.id })).title).toBe('Fleet rollout');

    // Both change the next step before hearing of each other.
    await ada.call('deals.update', { id: deal.id, patch: { nextStep: 'Send the proposal' } });
    await ben.call('deals.update', { id: deal.id, patch: { nextStep: 'Book a demo' } });
    await ada.call('sync.now', {});
    await ben.call('sync.now', {});
    await ada.call('sync.now', {});
    const [adaDeal, benDeal] = await Promise.all([
      ada.call('deals.get', { id: deal.id }),
      ben.call('deals.get', { id: deal.id }),
    ]);
    expect(adaDeal.nextStep).toBe(benDeal.nextStep);
    const conflicts = await ada.call('sync.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      record: 'Deal “Fleet rollout”',
      field: 'Next step',
      href: `/deals/${deal.id}`,
    });
    const values = [conflicts[0]!.kept.value, conflicts[0]!.lost.value].sort();
    expect(values).toEqual(['Book a demo', 'Send the proposal']);
    expect([conflicts[0]!.kept.by, conflicts[0]!.lost.by].sort()).toEqual([
      'Ada (this device)',
      'Ben',
    ]);
    expect(await ben.call('sync.conflicts', {})).toHaveLength(1);

    // Ada takes the value that lost; Ben's inbox empties when the edit arrives.
    const lost = conflicts[0]!.lost.value;
    await ada.call('sync.resolveConflict', { id: conflicts[0]!.id, keep: 'lost' });
    expect(await ada.call('sync.conflicts', {})).toEqual([]);
    await ada.call('sync.now', {});
    await ben.call('sync.now', {});
    expect((await ben.call('deals.get', { id: deal.id })).nextStep).toBe(lost);
    expect(await ben.call('sync.conflicts', {})).toEqual([]);
    expect(contentHash(ada.store)).toBe(contentHash(ben.store));
  });

  it('halts, deletes nothing and loses nothing when the folder is emptied, and resumes when it is back', async () => {
    const folder = tempDir();
    const ada = await device('Ada');
    const ben = await device('Ben');
    await ada.call('sync.createWorkspace', { folder, name: 'Northwind' });
    await ben.call('sync.joinWorkspace', { folder });
    await ada.call('deals.create', { title: 'Before the drive went away' });
    await ada.call('sync.now', {});
    await ben.call('sync.now', {});
    const before = listing(folder);

    // The network drive is unmounted: workspace.json is gone (moved aside here).
    renameSync(join(folder, 'workspace.json'), join(folder, '..', 'workspace.json.away'));
    await ben.call('deals.create', { title: 'Made while the drive was away' });
    const halted = await ben.call('sync.now', {});
    expect(halted.state).toBe('halted');
    expect(halted.message).toMatch(/workspace\.json/);
    expect(halted.message).toMatch(/nothing was deleted/i);
    expect(halted.pendingOps).toBeGreaterThan(0);
    expect(listing(folder)).toEqual(before.filter((f) => !f.endsWith('workspace.json')));
    expect((await ben.call('deals.list', {})).total).toBe(2);

    renameSync(join(folder, '..', 'workspace.json.away'), join(folder, 'workspace.json'));
    expect((await ben.call('sync.now', {})).state).toBe('idle');
    await ada.call('sync.now', {});
    expect((await ada.call('deals.list', {})).items.map((d) => d.title).sort()).toEqual([
      'Before the drive went away',
      'Made while the drive was away',
    ]);
  });

  it('skips a damaged segment, reports it, and applies it once the whole file arrives', async () => {
    const folder = tempDir();
    const ada = await device('Ada');
    const ben = await device('Ben');
    await ada.call('sync.createWorkspace', { folder, name: 'Northwind' });
    await ada.call('deals.create', { title: 'Arrives in one piece' });
    await ada.call('sync.now', {});
    const dir = join(folder, 'ops', ada.store.deviceId);
    const segments = readdirSync(dir).filter((name) => name.endsWith('.seg'));
    const last = join(dir, segments.sort().at(-1)!);
    const whole = readFileSync(last);
    // The sync tool has delivered only half of the file so far.
    writeFileSync(last, whole.subarray(0, Math.floor(whole.length / 2)));

    const status = await ben.call('sync.joinWorkspace', { folder });
    expect(status.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'corrupt', device: ada.store.deviceId }),
      ]),
    );
    expect((await ben.call('deals.list', { filters: { query: 'piece' } })).total).toBe(0);

    writeFileSync(last, whole);
    const after = await ben.call('sync.now', {});
    expect(after.problems.filter((p) => p.kind === 'corrupt')).toEqual([]);
    expect((await ben.call('deals.list', { filters: { query: 'piece' } })).total).toBe(1);
    expect(existsSync(last)).toBe(true);
  });

  it('a new laptop joins before anyone uses it: the team arrives, and the newcomer is a rep on it', async () => {
    const folder = tempDir();
    const ada = await device('Ada');
    await ada.call('sync.createWorkspace', { folder, name: 'Northwind' });
    const fresh = createCore({
      dbPath: tempDbPath(),
      sync: { autoStart: false, debounceMs: 60_000 },
    });
    open.push(fresh);
    await fresh.call('sync.joinWorkspace', { folder });
    const info = await fresh.call('app.info', {});
    expect(info.team?.name).toBe('Northwind');
    expect(info.currentUser).toBeNull();
    const joined = await fresh.call('team.setup', {
      teamName: 'Whatever they type',
      userName: 'Cy',
      email: 'cy@northwind.example',
      currency: 'USD',
    });
    expect(joined.team).toMatchObject({ name: 'Northwind', defaultCurrency: 'EUR' });
    expect(joined.currentUser).toMatchObject({ name: 'Cy', role: 'rep' });
  });

  it('says which workspace a device is in and refuses a second one; leaving deletes nothing', async () => {
    const folder = tempDir();
    const ada = await device('Ada');
    expect((await ada.call('sync.status', {})).state).toBe('off');
    await expect(ada.call('sync.joinWorkspace', { folder })).rejects.toMatchObject({
      field: 'folder',
    });
    await ada.call('sync.createWorkspace', { folder, name: 'Northwind' });
    await expect(
      ada.call('sync.createWorkspace', { folder: tempDir(), name: 'Other' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const files = listing(folder);
    expect((await ada.call('sync.leave', {})).state).toBe('off');
    expect(listing(folder)).toEqual(files);
  });
});
