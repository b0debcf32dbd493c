import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { createCore, type Core } from '../../../src/core';
import type { SyncStatus } from '../../../src/shared/contract';
import { followTrayState } from './trayStatus';
import type { TrayState } from './trayText';
import { trayMenuTemplate } from './trayMenu';
import { trayText } from './trayText';

let core: Core | undefined;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  core?.close();
});

describe('the tray follows the core', () => {
  it('shows a call while it is open, and sync as it reports', async () => {
    core = createCore({ dbPath: tempDbPath() });
    await core.call('team.setup', {
      teamName: 'Northwind',
      userName: 'Rita Rep',
      email: 'rita@northwind.example',
      currency: 'EUR',
    });
    const contact = await core.call('contacts.create', { firstName: 'Anna', lastName: 'Schmidt' });
    const deal = await core.call('deals.create', { title: 'Fleet rollout', contactId: contact.id });

    const states: TrayState[] = [];
    const follower = followTrayState(core, (state) => states.push(state));
    stop = follower.dispose;
    await follower.ready;
    expect(states.at(-1)).toMatchObject({ call: null, sync: { state: 'off' } });

    const call = await core.call('calls.start', { dealId: deal.id });
    await vi.waitFor(() =>
      expect(states.at(-1)?.call).toEqual({ since: call.startedAt, with: 'Anna Schmidt' }),
    );

    await core.call('calls.end', { id: call.id, disposition: 'connected' });
    await vi.waitFor(() => expect(states.at(-1)?.call).toBeNull());

    const halted = {
      ...(await core.call('sync.status', {})),
      state: 'halted',
      message: 'The workspace folder is gone',
    } satisfies SyncStatus;
    core.events.emit('sync.status', halted);
    const text = trayText(states.at(-1)!, () => '10:00');
    expect(text.syncLine).toBe('Sync halted: The workspace folder is gone');
    expect(text.attention).toBe(true);
  });

  it('says nothing of calls before a team is set up', async () => {
    core = createCore({ dbPath: tempDbPath() });
    const states: TrayState[] = [];
    const follower = followTrayState(core, (state) => states.push(state));
    stop = follower.dispose;
    await follower.ready;
    expect(states.at(-1)?.call).toBeNull();
  });
});

describe('the tray’s menu', () => {
  it('opens the app, shows the status, syncs, and goes to sync status or reminders', () => {
    const done: string[] = [];
    const template = trayMenuTemplate(
      {
        tooltip: '',
        callLine: 'Not on a call',
        syncLine: 'Synced at 09:42',
        notices: ['2 conflicts to look at'],
        attention: true,
      },
      { canSync: false },
      {
        open: () => done.push('open'),
        navigate: (route) => done.push(route),
        syncNow: () => done.push('sync'),
        quit: () => done.push('quit'),
      },
    );
    const byLabel = (label: string) => template.find((item) => item.label === label)!;
    expect(byLabel('Not on a call').enabled).toBe(false);
    expect(byLabel('Synced at 09:42').enabled).toBe(false);
    expect(byLabel('Sync Now').enabled).toBe(false);
    for (const label of [
      'Open Lifecycle Cockpit',
      '2 conflicts to look at',
      'Reminders…',
      'Quit Lifecycle Cockpit',
    ]) {
      (byLabel(label).click as () => void)();
    }
    expect(done).toEqual(['open', '/settings/sync', '/reminders', 'quit']);
  });
});
