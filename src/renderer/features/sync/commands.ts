import type { Command } from '../../app/shortcuts';

/** The keyboard commands of sync: its page from anywhere, and a sync on the page. */
export const SYNC_COMMANDS = {
  open: { keys: 'shift+s', description: 'Open sync status and conflicts' },
  syncNow: { keys: 's', description: 'Sync now (on the sync page)' },
} satisfies Record<string, Command>;
