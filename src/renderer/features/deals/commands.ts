import type { Command } from '../../app/shortcuts';

/** The keyboard commands of the deals view, each with its key. */
export const DEAL_COMMANDS = {
  newDeal: { keys: 'n', description: 'New deal' },
  search: { keys: '/', description: 'Search deals' },
  nextPage: { keys: ']', description: 'Next page of deals' },
  previousPage: { keys: '[', description: 'Previous page of deals' },
  save: { keys: 'mod+enter', description: 'Save the open deal' },
} satisfies Record<string, Command>;
