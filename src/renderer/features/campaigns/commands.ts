import type { Command } from '../../app/shortcuts';

/** The keyboard commands of the campaigns view, each with its key. */
export const CAMPAIGN_COMMANDS = {
  newCampaign: { keys: 'n', description: 'New campaign' },
  toggleEnded: { keys: 'e', description: 'Show or hide ended campaigns' },
  save: { keys: 'mod+enter', description: 'Save the campaign' },
} satisfies Record<string, Command>;
