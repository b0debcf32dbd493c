import type { Command } from '../../app/shortcuts';

/** Keyboard commands of a call's page. */
export const CALL_PAGE_COMMANDS = {
  attach: { keys: 'a', description: 'Attach a transcript file (on a call)' },
  rescore: { keys: 'r', description: 'Score the call again (on a call)' },
  nextEvidence: { keys: 'j', description: 'Jump to the next evidence in the transcript' },
  previousEvidence: { keys: 'k', description: 'Jump to the previous evidence in the transcript' },
} satisfies Record<string, Command>;

/** Keyboard commands of the coaching dashboard. */
export const COACHING_COMMANDS = {
  open: { keys: 'shift+o', description: 'Open the coaching dashboard (call scores)' },
} satisfies Record<string, Command>;

/** Keyboard commands of the scoring settings. */
export const SCORING_SETTINGS_COMMANDS = {
  save: { keys: 'mod+s', description: 'Save the scoring settings (on Scoring settings)' },
} satisfies Record<string, Command>;
