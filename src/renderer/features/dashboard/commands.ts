import type { Command } from '../../app/shortcuts';

/** Keyboard commands of the activity dashboard. */
export const DASHBOARD_COMMANDS = {
  open: { keys: 'shift+d', description: 'Open the activity dashboard' },
  today: { keys: 't', description: 'Show today (on the dashboard)' },
  week: { keys: 'w', description: 'Show this week (on the dashboard)' },
} satisfies Record<string, Command>;
