import {
  AudioLines,
  BellRing,
  Building2,
  Columns3,
  FileCheck2,
  FileCog,
  FileUp,
  Gauge,
  Keyboard,
  Megaphone,
  Monitor,
  Moon,
  Search,
  Settings2,
  SlidersHorizontal,
  Sun,
  Table2,
  UsersRound,
  WifiOff,
} from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, Outlet, useNavigate, useNavigation } from 'react-router';
import { bridge, useAppInfo, useConnection } from '../api';
import { Avatar } from '../components/Avatar';
import { APP_COMMANDS } from './commands';
import { prefetchViews } from './lazyViews';
import styles from './AppFrame.module.css';
import { CallDock } from '../features/calls/CallPanel';
import { REMINDER_COMMANDS } from '../features/calls/commands';
import { DASHBOARD_COMMANDS } from '../features/dashboard/commands';
import { LIFECYCLE_COMMANDS } from '../features/dashboard/lifecycleCommands';
import { COACHING_COMMANDS } from '../features/scoring/commands';
import { HANDOVER_COMMANDS } from '../features/handover/commands';
import { HandoverBadge } from '../features/handover/HandoverBadge';
import { useDueReminders } from '../features/calls/useDueReminders';
import { SearchPalette } from '../features/search/SearchPalette';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { ShortcutsHelp } from './ShortcutsHelp';
import { keyLabel, useShortcut } from './shortcuts';
import { useTheme, type ThemePreference } from './theme';
import { useDesktopCommands } from './useDesktopCommands';
import { usePresenceHeartbeat } from './usePresenceHeartbeat';

/** Only views that exist are in the navigation. */
const NAVIGATION: { to: string; label: string; icon: typeof Columns3; badge?: () => ReactNode }[] =
  [
    { to: '/board', label: 'Board', icon: Columns3 },
    { to: '/deals', label: 'Deals', icon: Table2 },
    { to: '/handovers', label: 'Handovers', icon: FileCheck2, badge: HandoverBadge },
    { to: '/reminders', label: 'Reminders', icon: BellRing },
    { to: '/dashboard', label: 'Activity', icon: Gauge },
    { to: '/contacts', label: 'Contacts', icon: UsersRound },
    { to: '/accounts', label: 'Accounts', icon: Building2 },
    { to: '/campaigns', label: 'Campaigns', icon: Megaphone },
    { to: '/import', label: 'Import', icon: FileUp },
  ];

const THEMES: { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: 'system', label: 'System theme', icon: Monitor },
  { value: 'light', label: 'Light theme', icon: Sun },
  { value: 'dark', label: 'Dark theme', icon: Moon },
];

const ROLE_NAMES = {
  rep: 'Sales rep',
  manager: 'Manager',
  success: 'Customer success',
  admin: 'Admin',
} as const;

export function AppFrame() {
  const info = useAppInfo();
  const connection = useConnection(bridge);
  const [theme, setTheme] = useTheme();
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [searching, setSearching] = useState(false);
  useShortcut(APP_COMMANDS.showShortcuts, () => setShowShortcuts(true));
  useShortcut(APP_COMMANDS.search, () => setSearching(true), { whileTyping: true });
  const navigate = useNavigate();
  useShortcut(REMINDER_COMMANDS.open, () => void navigate('/reminders'));
  useShortcut(DASHBOARD_COMMANDS.open, () => void navigate('/dashboard'));
  useShortcut(LIFECYCLE_COMMANDS.open, () => void navigate('/dashboard/lifecycle'));
  useShortcut(COACHING_COMMANDS.open, () => void navigate('/dashboard/coaching'));
  useShortcut(HANDOVER_COMMANDS.open, () => void navigate('/handovers'));
  // The desktop app's menu, tray, notifications and cockpit:// links ask for the same.
  useDesktopCommands({ search: () => setSearching(true), shortcuts: () => setShowShortcuts(true) });
  // A follow-up of mine comes due: a toast in a browser tab (the desktop app's main process
  // announces it with a desktop notification).
  useDueReminders();
  // The team sees this person online, idle or on a call.
  usePresenceHeartbeat(Boolean(info.data?.currentUser));
  // A view opened for the first time may wait for its code; the bar says something is coming.
  const navigating = useNavigation().state === 'loading';
  useEffect(prefetchViews, []);
  const user = info.data?.currentUser;
  const themeIndex = THEMES.findIndex((t) => t.value === theme);
  const nextTheme = THEMES[(themeIndex + 1) % THEMES.length]!;
  const ThemeIcon = THEMES[themeIndex]!.icon;

  return (
    <div className={styles.frame}>
      <aside className={styles.sidebar}>
        <div className={styles.brand}>
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden className={styles.logo}>
            <defs>
              <linearGradient id="brand" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stopColor="var(--phase-reach)" />
                <stop offset="0.5" stopColor="var(--phase-acquisition)" />
                <stop offset="1" stopColor="var(--phase-retention)" />
              </linearGradient>
            </defs>
            <rect width="32" height="32" rx="8" fill="url(#brand)" />
            <path
              d="M9 21.5a7.5 7.5 0 1 1 14 0"
              fill="none"
              stroke="#fff"
              strokeWidth="2.6"
              strokeLinecap="round"
            />
            <path d="M16 16.5l4-4" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
          </svg>
          <div>
            <div className={styles.product}>Lifecycle Cockpit</div>
            <div className={styles.team}>{info.data?.team?.name ?? ' '}</div>
          </div>
        </div>
        <button type="button" className={styles.searchButton} onClick={() => setSearching(true)}>
          <Search size={15} aria-hidden />
          <span>Search</span>
          <kbd>{keyLabel(APP_COMMANDS.search.keys)}</kbd>
        </button>
        <nav aria-label="Main" className={styles.nav}>
          {NAVIGATION.map(({ to, label, icon: Icon, badge: Badge }) => (
            <NavLink
              key={to}
              to={to}
              className={({ isActive }) =>
                [styles.navItem, isActive && styles.active].filter(Boolean).join(' ')
              }
            >
              <Icon size={16} aria-hidden />
              {label}
              {Badge && <Badge />}
            </NavLink>
          ))}
        </nav>
        <div className={styles.footer}>
          <NavLink
            to="/settings/stages"
            className={({ isActive }) =>
              [styles.navItem, isActive && styles.active].filter(Boolean).join(' ')
            }
          >
            <Settings2 size={16} aria-hidden />
            Pipeline stages
          </NavLink>
          <NavLink
            to="/settings/team"
            className={({ isActive }) =>
              [styles.navItem, isActive && styles.active].filter(Boolean).join(' ')
            }
          >
            <SlidersHorizontal size={16} aria-hidden />
            Team settings
          </NavLink>
          <NavLink
            to="/settings/scoring"
            className={({ isActive }) =>
              [styles.navItem, isActive && styles.active].filter(Boolean).join(' ')
            }
          >
            <AudioLines size={16} aria-hidden />
            Call scoring
          </NavLink>
          <NavLink
            to="/settings/handover-template"
            className={({ isActive }) =>
              [styles.navItem, isActive && styles.active].filter(Boolean).join(' ')
            }
          >
            <FileCog size={16} aria-hidden />
            Handover template
          </NavLink>
          <SyncIndicator />
          {connection.status !== 'open' && (
            <div className={styles.offline} role="status">
              <WifiOff size={14} aria-hidden />
              {connection.status === 'reconnecting' ? 'Reconnecting to the app…' : 'Connecting…'}
            </div>
          )}
          <div className={styles.tools}>
            <button
              type="button"
              className={styles.tool}
              onClick={() => setTheme(nextTheme.value)}
              aria-label={`${THEMES[themeIndex]!.label}: switch to ${nextTheme.label.toLowerCase()}`}
              title={`${THEMES[themeIndex]!.label} — click for ${nextTheme.label.toLowerCase()}`}
            >
              <ThemeIcon size={16} />
            </button>
            <button
              type="button"
              className={styles.tool}
              onClick={() => setShowShortcuts(true)}
              aria-label="Keyboard shortcuts"
              title={`Keyboard shortcuts (${keyLabel(APP_COMMANDS.showShortcuts.keys)})`}
            >
              <Keyboard size={16} />
            </button>
          </div>
          {user && (
            <div className={styles.user}>
              <Avatar name={user.name} size={30} />
              <div className={styles.userText}>
                <div className={styles.userName}>{user.name}</div>
                <div className={styles.userRole}>{ROLE_NAMES[user.role]}</div>
              </div>
            </div>
          )}
        </div>
      </aside>
      <main className={styles.main} aria-busy={navigating || undefined}>
        {navigating && <div className={styles.progress} role="progressbar" aria-label="Opening" />}
        <Outlet />
      </main>
      {showShortcuts && <ShortcutsHelp onClose={() => setShowShortcuts(false)} />}
      {searching && <SearchPalette onClose={() => setSearching(false)} />}
      <CallDock />
    </div>
  );
}
