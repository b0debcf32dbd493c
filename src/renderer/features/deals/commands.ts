import type { Command } from '../../app/shortcuts';

/** Keyboard commands of a deal's form and page. */
export const DEAL_COMMANDS = {
  save: { keys: 'mod+enter', description: 'Save the deal' },
  note: { keys: 'shift+n', description: 'Write a note on the deal' },
} satisfies Record<string, Command>;
