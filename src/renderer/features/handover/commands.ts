import type { Command } from '../../app/shortcuts';

/** Keyboard commands of the handovers. */
export const HANDOVER_COMMANDS = {
  open: { keys: 'shift+h', description: 'Open the handovers inbox' },
  nextTab: { keys: ']', description: 'Next inbox tab: waiting for me, mine, all (on handovers)' },
  previousTab: { keys: '[', description: 'Previous inbox tab (on handovers)' },
} satisfies Record<string, Command>;

/** Keyboard commands of one handover document. */
export const HANDOVER_DOCUMENT_COMMANDS = {
  submit: {
    keys: 'mod+enter',
    description: 'Submit the handover (author), or post the comment you are writing',
  },
  save: { keys: 'mod+s', description: 'Save the section you are writing now' },
  preview: { keys: 'mod+shift+p', description: 'Preview or edit the section you are in' },
} satisfies Record<string, Command>;

/** Keyboard commands of the handover template (admins). */
export const HANDOVER_TEMPLATE_COMMANDS = {
  save: { keys: 'mod+s', description: 'Save the handover template (on Handover template)' },
} satisfies Record<string, Command>;
