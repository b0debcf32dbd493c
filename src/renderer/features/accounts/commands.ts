import type { Command } from '../../app/shortcuts';

/**
 * The keyboard commands of the accounts views, each with its key. (Adding a note with Ctrl/⌘+Enter
 * belongs to the note box: `NOTE_COMMANDS` in components/NoteComposer.)
 */
export const ACCOUNT_COMMANDS = {
  newAccount: { keys: 'n', description: 'New account' },
  search: { keys: '/', description: 'Search accounts' },
  nextPage: { keys: ']', description: 'Next page of accounts' },
  previousPage: { keys: '[', description: 'Previous page of accounts' },
  save: { keys: 'mod+enter', description: 'Save the account' },
} satisfies Record<string, Command>;
