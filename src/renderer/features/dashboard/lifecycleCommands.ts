import type { Command } from '../../app/shortcuts';

/** Keyboard commands of the lifecycle dashboard. */
export const LIFECYCLE_COMMANDS = {
  open: { keys: 'shift+m', description: 'Open the lifecycle metrics' },
  month: { keys: 'm', description: 'Show this month (on the lifecycle metrics)' },
  quarter: { keys: 'q', description: 'Show this quarter (on the lifecycle metrics)' },
  year: { keys: 'y', description: 'Show this year (on the lifecycle metrics)' },
} satisfies Record<string, Command>;
