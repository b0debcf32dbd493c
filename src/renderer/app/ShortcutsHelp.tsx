import { NOTE_COMMANDS } from '../components/NoteComposer';
import { Sheet } from '../components/Sheet';
import { ACCOUNT_COMMANDS } from '../features/accounts/commands';
import { BOARD_COMMANDS } from '../features/board/commands';
import { CALL_COMMANDS, REMINDER_COMMANDS } from '../features/calls/commands';
import { CAMPAIGN_COMMANDS } from '../features/campaigns/commands';
import { CONTACT_COMMANDS } from '../features/contacts/commands';
import { DASHBOARD_COMMANDS } from '../features/dashboard/commands';
import { LIFECYCLE_COMMANDS } from '../features/dashboard/lifecycleCommands';
import { DEAL_COMMANDS } from '../features/deals/commands';
import { PIPELINE_COMMANDS } from '../features/pipeline/commands';
import {
  CALL_PAGE_COMMANDS,
  COACHING_COMMANDS,
  SCORING_SETTINGS_COMMANDS,
} from '../features/scoring/commands';
import {
  HANDOVER_COMMANDS,
  HANDOVER_DOCUMENT_COMMANDS,
  HANDOVER_TEMPLATE_COMMANDS,
} from '../features/handover/commands';
import { TEAM_SETTINGS_COMMANDS } from '../features/settings/commands';
import { SYNC_COMMANDS } from '../features/sync/commands';
import { APP_COMMANDS } from './commands';
import { keyLabel } from './shortcuts';
import styles from './ShortcutsHelp.module.css';

const GROUPS = [
  { title: 'Everywhere', commands: Object.values(APP_COMMANDS) },
  { title: 'Board and table', commands: Object.values(PIPELINE_COMMANDS) },
  { title: 'On a board card', commands: Object.values(BOARD_COMMANDS) },
  { title: 'A deal', commands: Object.values(DEAL_COMMANDS) },
  { title: 'Writing a note', commands: Object.values(NOTE_COMMANDS) },
  { title: 'Calls', commands: Object.values(CALL_COMMANDS) },
  { title: 'Reminders', commands: Object.values(REMINDER_COMMANDS) },
  { title: 'Activity dashboard', commands: Object.values(DASHBOARD_COMMANDS) },
  { title: 'Lifecycle metrics', commands: Object.values(LIFECYCLE_COMMANDS) },
  { title: 'Call scores', commands: Object.values(COACHING_COMMANDS) },
  { title: 'A call’s page', commands: Object.values(CALL_PAGE_COMMANDS) },
  { title: 'Handovers', commands: Object.values(HANDOVER_COMMANDS) },
  { title: 'A handover', commands: Object.values(HANDOVER_DOCUMENT_COMMANDS) },
  { title: 'Contacts', commands: Object.values(CONTACT_COMMANDS) },
  { title: 'Accounts', commands: Object.values(ACCOUNT_COMMANDS) },
  { title: 'Campaigns', commands: Object.values(CAMPAIGN_COMMANDS) },
  { title: 'Sync', commands: Object.values(SYNC_COMMANDS) },
  { title: 'Team settings', commands: Object.values(TEAM_SETTINGS_COMMANDS) },
  { title: 'Scoring settings', commands: Object.values(SCORING_SETTINGS_COMMANDS) },
  { title: 'Handover template', commands: Object.values(HANDOVER_TEMPLATE_COMMANDS) },
];

/** Every keyboard command, from the same declarations the views bind. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Sheet title="Keyboard shortcuts" placement="center" onClose={onClose}>
      {GROUPS.map((group) => (
        <section key={group.title} className={styles.group}>
          <h3 className={styles.heading}>{group.title}</h3>
          <dl className={styles.list}>
            {group.commands.map((command) => (
              <div key={`${command.keys}-${command.description}`} className={styles.row}>
                <dt>{command.description}</dt>
                <dd>
                  <kbd className={styles.kbd}>{keyLabel(command.keys)}</kbd>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Sheet>
  );
}
