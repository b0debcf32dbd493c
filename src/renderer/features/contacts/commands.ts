import type { Command } from '../../app/shortcuts';

/**
 * The keyboard commands of the contacts views, each with its key. (Adding a note with Ctrl/⌘+Enter
 * belongs to the note box: `NOTE_COMMANDS` in components/NoteComposer.)
 */
export const CONTACT_COMMANDS = {
  newContact: { keys: 'n', description: 'New contact' },
  search: { keys: '/', description: 'Search contacts' },
  nextPage: { keys: ']', description: 'Next page of contacts' },
  previousPage: { keys: '[', description: 'Previous page of contacts' },
  save: { keys: 'mod+enter', description: 'Save the contact' },
} satisfies Record<string, Command>;
