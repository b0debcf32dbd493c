import type { Command } from '../../app/shortcuts';

/** Commands shared by the board and the table. */
export const PIPELINE_COMMANDS = {
  search: { keys: '/', description: 'Filter deals by words' },
  newDeal: { keys: 'n', description: 'New deal' },
  board: { keys: 'b', description: 'Show the board' },
  table: { keys: 't', description: 'Show the table' },
} satisfies Record<string, Command>;
