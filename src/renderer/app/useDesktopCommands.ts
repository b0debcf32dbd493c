import { useEffect, useEffectEvent } from 'react';
import { useNavigate } from 'react-router';
import { desktop } from '../api';

/**
 * In the desktop app, do what the menu, the tray, a clicked notification or a `cockpit://` link
 * asks: show a page (the same the in-app shortcuts open), or open the search or the shortcuts
 * help. Nothing in a browser tab.
 */
export function useDesktopCommands(open: { search(): void; shortcuts(): void }): void {
  const navigate = useNavigate();
  const openSearch = useEffectEvent(open.search);
  const openShortcuts = useEffectEvent(open.shortcuts);
  useEffect(() => {
    if (!desktop?.onCommand) return;
    return desktop.onCommand((command) => {
      if (command.type === 'navigate') void navigate(command.to);
      else if (command.what === 'search') openSearch();
      else openShortcuts();
    });
  }, [navigate]);
}
