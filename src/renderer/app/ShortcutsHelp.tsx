import { Sheet } from '../components/Sheet';
import { DEAL_COMMANDS } from '../features/deals/commands';
import { APP_COMMANDS } from './commands';
import { keyLabel } from './shortcuts';
import styles from './ShortcutsHelp.module.css';

const GROUPS = [
  { title: 'Everywhere', commands: Object.values(APP_COMMANDS) },
  { title: 'Deals', commands: Object.values(DEAL_COMMANDS) },
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
              <div key={command.keys} className={styles.row}>
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
