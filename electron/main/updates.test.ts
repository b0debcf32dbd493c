import { describe, expect, it, vi } from 'vitest';
import { createUpdater, updateSource, type AppUpdaterLike } from './updates';

describe('where updates come from', () => {
  const packaged = { isPackaged: true, env: {}, builtInFeed: true };

  it('the feed built into the package, or the one COCKPIT_UPDATE_URL names', () => {
    expect(updateSource(packaged)).toEqual({ available: true, feed: null });
    expect(
      updateSource({
        ...packaged,
        env: { COCKPIT_UPDATE_URL: ' https://updates.northwind.example/cockpit ' },
      }),
    ).toEqual({
      available: true,
      feed: { provider: 'generic', url: 'https://updates.northwind.example/cockpit' },
    });
  });

  it('none in a development build, when turned off, without a feed, or from an unsafe address', () => {
    expect(updateSource({ ...packaged, isPackaged: false })).toMatchObject({
      available: false,
      reason: 'a development build does not update itself',
    });
    expect(updateSource({ ...packaged, env: { COCKPIT_UPDATES: 'OFF' } })).toMatchObject({
      available: false,
      reason: expect.stringContaining('COCKPIT_UPDATES'),
    });
    expect(updateSource({ ...packaged, builtInFeed: false })).toMatchObject({
      available: false,
      reason: expect.stringContaining('no update feed'),
    });
    for (const url of [
      'http://updates.example/cockpit',
      'file:///tmp/feed',
      'https://user:secret@updates.example/',
      'not a url',
    ]) {
      expect(updateSource({ ...packaged, env: { COCKPIT_UPDATE_URL: url } }), url).toMatchObject({
        available: false,
        reason: expect.stringContaining('https://'),
      });
    }
  });
});

function fakeUpdater() {
  const updater: AppUpdaterLike & { feeds: unknown[] } = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    feeds: [],
    setFeedURL(feed) {
      this.feeds.push(feed);
    },
    checkForUpdatesAndNotify: vi.fn(async () => null),
  };
  return updater;
}

describe('checking for updates', () => {
  it('downloads in the background and installs on quit, from the configured feed', async () => {
    const updater = fakeUpdater();
    const load = vi.fn(async () => updater);
    const feed = { provider: 'generic' as const, url: 'https://updates.example/c' };
    const checks = createUpdater({ available: true, feed }, load);
    await checks.check();
    await checks.check();
    expect(load).toHaveBeenCalledOnce();
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      feeds: [feed],
    });
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
  });

  it('never loads electron-updater when updates are not available', async () => {
    const load = vi.fn(async () => fakeUpdater());
    const checks = createUpdater({ available: false, reason: 'development build' }, load);
    await checks.check();
    checks.automatic(true);
    expect(load).not.toHaveBeenCalled();
  });

  it('survives a failing check (offline): the next one tries again', async () => {
    const updater = fakeUpdater();
    updater.checkForUpdatesAndNotify = vi.fn(async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const checks = createUpdater({ available: true, feed: null }, async () => updater);
    await expect(checks.check()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('update check failed:', 'net::ERR_INTERNET_DISCONNECTED');
    error.mockRestore();
  });

  it('checks at once and then every six hours while automatic checks are on', async () => {
    vi.useFakeTimers();
    try {
      const updater = fakeUpdater();
      const checks = createUpdater({ available: true, feed: null }, async () => updater);
      checks.automatic(true);
      await vi.advanceTimersByTimeAsync(1);
      expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(6 * 3_600_000);
      expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
      checks.automatic(false);
      await vi.advanceTimersByTimeAsync(24 * 3_600_000);
      expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
