import { Activity, Funnel, GraduationCap } from 'lucide-react';
import { NavLink, useLocation } from 'react-router';
import { keyLabel } from '../../app/shortcuts';
import { DASHBOARD_COMMANDS } from './commands';
import { COACHING_COMMANDS } from '../scoring/commands';
import { LIFECYCLE_COMMANDS } from './lifecycleCommands';
import styles from './DashboardTabs.module.css';

const TABS = [
  { to: '/dashboard', label: 'Activity', icon: Activity, keys: DASHBOARD_COMMANDS.open.keys },
  {
    to: '/dashboard/lifecycle',
    label: 'Lifecycle',
    icon: Funnel,
    keys: LIFECYCLE_COMMANDS.open.keys,
  },
  {
    to: '/dashboard/coaching',
    label: 'Coaching',
    icon: GraduationCap,
    keys: COACHING_COMMANDS.open.keys,
  },
];

/** Activity | Lifecycle | Coaching: the manager's dashboards, one click (or key) apart. */
export function DashboardTabs() {
  const { pathname } = useLocation();
  return (
    <nav className={styles.tabs} aria-label="Dashboards">
      {TABS.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end
          className={styles.tab}
          aria-current={pathname === tab.to ? 'page' : undefined}
          title={`${tab.label} (${keyLabel(tab.keys)})`}
        >
          <tab.icon size={14} aria-hidden />
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
