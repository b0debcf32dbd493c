import type { Command } from '../../app/shortcuts';

/** Keyboard commands of the team settings. */
export const TEAM_SETTINGS_COMMANDS = {
  save: { keys: 'mod+s', description: 'Save the team settings (on Team settings)' },
} satisfies Record<string, Command>;
