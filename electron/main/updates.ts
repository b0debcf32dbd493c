/**
 * Updates of the packaged app through electron-updater. The feed is a plain folder on any HTTPS
 * server (electron-builder's `generic` provider: `latest.yml`, `latest-mac.yml`,
 * `latest-linux.yml` and the packages): either the one built into the app (`npm run dist` with
 * `COCKPIT_UPDATE_URL` set writes it to `app-update.yml`), or one named at run time by the
 * `COCKPIT_UPDATE_URL` environment variable, which wins. `COCKPIT_UPDATES=off` turns updates off
 * for a managed machine; a person turns the automatic checks off in the Help menu (Check for
 * Updates Automatically). A development build never updates itself.
 */

export interface UpdateFeed {
  provider: 'generic';
  url: string;
}

export type UpdateSource =
  /** `feed: null` is the feed built into the app. */
  { available: true; feed: UpdateFeed | null } | { available: false; reason: string };

export function updateSource(input: {
  isPackaged: boolean;
  env: Record<string, string | undefined>;
  /** Whether the app carries an `app-update.yml` (its resources folder). */
  builtInFeed: boolean;
}): UpdateSource {
  const { env } = input;
  if (!input.isPackaged) {
    return { available: false, reason: 'a development build does not update itself' };
  }
  if (env.COCKPIT_UPDATES?.trim().toLowerCase() === 'off') {
    return { available: false, reason: 'updates are turned off on this machine (COCKPIT_UPDATES)' };
  }
  const url = env.COCKPIT_UPDATE_URL?.trim();
  if (url) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      // reported below
    }
    if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) {
      return {
        available: false,
        reason: `COCKPIT_UPDATE_URL must be an https:// address without a password, not ${url}`,
      };
    }
    return { available: true, feed: { provider: 'generic', url: parsed.href } };
  }
  if (input.builtInFeed) return { available: true, feed: null };
  return { available: false, reason: 'this build has no update feed (see the README: Updates)' };
}

/** What the app uses of electron-updater's `autoUpdater`. */
export interface AppUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: UpdateFeed): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export const UPDATE_CHECK_INTERVAL_MS = 6 * 3_600_000;

/**
 * Checks for updates: a new version is downloaded in the background and installed when the app
 * quits, and the OS shows a notification when it is ready. electron-updater is loaded only when a
 * check runs, never in a development build.
 */
export function createUpdater(
  source: UpdateSource,
  load: () => Promise<AppUpdaterLike>,
): { check(): Promise<void>; automatic(enabled: boolean): void } {
  let updater: Promise<AppUpdaterLike> | null = null;
  let interval: ReturnType<typeof setInterval> | undefined;
  const get = () => {
    updater ??= load().then((autoUpdater) => {
      autoUpdater.autoDownload = true;
      autoUpdater.autoInstallOnAppQuit = true;
      if (source.available && source.feed) autoUpdater.setFeedURL(source.feed);
      return autoUpdater;
    });
    return updater;
  };
  const check = async () => {
    if (!source.available) return;
    try {
      await (await get()).checkForUpdatesAndNotify();
    } catch (error) {
      // Offline, or the feed is down: the next check tries again.
      console.error('update check failed:', error instanceof Error ? error.message : error);
    }
  };
  return {
    check,
    automatic(enabled) {
      clearInterval(interval);
      interval = undefined;
      if (!enabled || !source.available) return;
      void check();
      interval = setInterval(() => void check(), UPDATE_CHECK_INTERVAL_MS);
    },
  };
}
