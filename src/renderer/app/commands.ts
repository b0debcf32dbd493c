import type { Command } from './shortcuts';

/** App-wide commands. Feature commands live with their feature. */
export const APP_COMMANDS = {
  search: { keys: 'mod+k', description: 'Search deals, contacts, accounts and notes' },
  showShortcuts: { keys: '?', description: 'Show keyboard shortcuts' },
} satisfies Record<string, Command>;
