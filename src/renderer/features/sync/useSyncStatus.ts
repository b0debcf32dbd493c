import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { useApiQuery } from '../../api';

/**
 * Where sync stands. Fetched once; after that the core's `sync.status` event keeps the cache
 * current (see `useLiveQueries`), so every view that shows it follows without polling.
 */
export function useSyncStatus() {
  return useApiQuery('sync.status', {});
}

/** A sync shorter than this shows no "Syncing…": every saved edit syncs, and a flicker is noise. */
const SYNCING_SHOWN_AFTER_MS = 700;

/**
 * The state to show: as reported, except that a sync still shows the state before it until it
 * has run for a moment.
 */
export function useShownState(
  state: SyncStatus['state'] | undefined,
): SyncStatus['state'] | undefined {
  const [settled, setSettled] = useState(state === 'syncing' ? 'idle' : state);
  const [long, setLong] = useState(false);
  if (state !== 'syncing' && state !== settled) setSettled(state);
  useEffect(() => {
    if (state !== 'syncing') return;
    const timer = setTimeout(() => setLong(true), SYNCING_SHOWN_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setLong(false);
    };
  }, [state]);
  return state === 'syncing' && !long ? settled : state;
}

/** The time, refreshed every `everyMs`, so "2 min ago" keeps telling the truth. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
