import type { Command } from '../../app/shortcuts';

/** Keyboard commands of calls: on a deal or contact, and inside the call panel. */
export const CALL_COMMANDS = {
  start: { keys: 'c', description: 'Call the contact of this deal or contact' },
  logPast: { keys: 'shift+l', description: 'Log a past call' },
  end: { keys: 'mod+enter', description: 'End the call (in the call panel)' },
  disposition: { keys: '1', description: 'Pick an outcome, 1 to 7 (after ending a call)' },
  noFollowUp: { keys: 'escape', description: 'No follow-up (on the proposal)' },
} satisfies Record<string, Command>;

/** Keyboard commands of the reminders. */
export const REMINDER_COMMANDS = {
  open: { keys: 'shift+r', description: 'Open reminders' },
  toggleScope: { keys: 'm', description: 'Switch between mine and the team’s (on reminders)' },
} satisfies Record<string, Command>;
