import type { Command } from '../../app/shortcuts';

/** Keyboard commands on a focused board card. */
export const BOARD_COMMANDS = {
  open: { keys: 'enter', description: 'Open the focused deal' },
  next: { keys: 'arrowdown', description: 'Next card' },
  previous: { keys: 'arrowup', description: 'Previous card' },
  right: { keys: 'arrowright', description: 'Card in the next stage' },
  left: { keys: 'arrowleft', description: 'Card in the previous stage' },
  moveRight: { keys: 'shift+arrowright', description: 'Move the deal to the next stage' },
  moveLeft: { keys: 'shift+arrowleft', description: 'Move the deal to the previous stage' },
  moveUp: { keys: 'shift+arrowup', description: 'Move the deal up in its stage' },
  moveDown: { keys: 'shift+arrowdown', description: 'Move the deal down in its stage' },
} satisfies Record<string, Command>;
