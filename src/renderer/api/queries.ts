import { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../../shared/contract/errors';
import type { DataChanged, SyncStatus } from '../../shared/contract';
import type { Bridge } from './bridge';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Data changes arrive as events, so nothing needs refetching on a timer or on focus.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.code !== 'unavailable') && failures < 2,
    },
  },
});

/**
 * Which API namespaces (or single methods) show data from which tables. Query keys start with the
 * method name (`['deals.list', input]`), so a change to `accounts` refetches accounts and deals
 * (which show account names) and nothing else; a heartbeat refetches the activity dashboard but
 * not the lifecycle numbers next to it.
 */
const SHOWN_IN: Record<string, readonly string[]> = {
  deals: [
    'deals',
    'board',
    'accounts',
    'contacts',
    'campaigns',
    'search',
    'followUps',
    'dashboard',
    'handover',
  ],
  stage_history: ['deals', 'board', 'accounts', 'contacts', 'dashboard.lifecycle'],
  accounts: [
    'accounts',
    'deals',
    'board',
    'contacts',
    'campaigns',
    'search',
    'dashboard',
    'handover',
  ],
  contacts: ['contacts', 'deals', 'accounts', 'search', 'followUps', 'dashboard.activity'],
  users: ['users', 'deals', 'board', 'accounts', 'contacts', 'app', 'dashboard', 'handover'],
  team: ['app', 'deals', 'board'],
  stages: ['stages', 'deals', 'board', 'campaigns', 'dashboard.lifecycle'],
  phases: ['stages', 'board', 'dashboard.lifecycle'],
  notes: ['deals', 'contacts', 'accounts', 'search'],
  calls: ['calls', 'deals', 'contacts', 'accounts', 'board', 'dashboard.activity'],
  follow_ups: ['followUps', 'deals', 'contacts', 'accounts', 'board', 'dashboard.activity'],
  campaigns: ['campaigns'],
  satisfaction_responses: ['accounts', 'dashboard.lifecycle'],
  saved_views: ['views'],
  team_settings: ['settings', 'calls', 'followUps', 'scoring', 'scores', 'handover'],
  call_transcripts: ['calls'],
  call_scores: ['calls', 'dashboard.activity', 'scores'],
  handovers: ['handover', 'deals'],
  handover_sections: ['handover'],
  handover_comments: ['handover'],
  handover_versions: ['handover'],
  presence: ['dashboard.activity'],
  sync_conflicts: ['sync'],
};

/** The key `useApiQuery('sync.status', {})` reads. */
export const SYNC_STATUS_KEY = ['sync.status', {}] as const;

export function namespacesFor(tables: readonly string[]): Set<string> {
  const namespaces = new Set<string>();
  for (const table of tables) for (const ns of SHOWN_IN[table] ?? [table]) namespaces.add(ns);
  return namespaces;
}

/** Whether a change to these tables shows in what `method` returns. */
export function refreshes(tables: readonly string[], method: string): boolean {
  const targets = namespacesFor(tables);
  return targets.has(method) || targets.has(method.split('.')[0]!);
}

/**
 * Queries that take the core a noticeable time (the lifecycle numbers read every stage move of
 * the range: 0.3 s for a month of 100,000 deals): changes refresh them at most this often, the
 * first at once and the last of a burst at the end of the wait, so a busy team does not keep the
 * core computing them.
 */
const REFRESH_AT_MOST_EVERY_MS: Readonly<Record<string, number>> = {
  'dashboard.lifecycle': 10_000,
};

/** Keep every open view current: refetch the queries a committed change affects. */
export function useLiveQueries(bridge: Bridge): void {
  useEffect(() => {
    const waiting = new Map<string, ReturnType<typeof setTimeout>>();
    const lastRefresh = new Map<string, number>();
    const refreshSoon = (method: string, everyMs: number) => {
      if (waiting.has(method)) return;
      const wait = Math.max(
        0,
        (lastRefresh.get(method) ?? -Infinity) + everyMs - performance.now(),
      );
      waiting.set(
        method,
        setTimeout(() => {
          waiting.delete(method);
          lastRefresh.set(method, performance.now());
          void queryClient.invalidateQueries({ queryKey: [method] });
        }, wait),
      );
    };
    const off = bridge.on('data.changed', (payload) => {
      const { tables } = payload as DataChanged;
      void queryClient.invalidateQueries({
        predicate: (query) => {
          const method = String(query.queryKey[0]);
          return !(method in REFRESH_AT_MOST_EVERY_MS) && refreshes(tables, method);
        },
      });
      for (const [method, everyMs] of Object.entries(REFRESH_AT_MOST_EVERY_MS)) {
        if (refreshes(tables, method)) refreshSoon(method, everyMs);
      }
    });
    // Sync announces its status whenever it changes: it goes straight into the cache, so the
    // sidebar and the sync page follow without asking. A sync may have brought conflicts.
    const offSync = bridge.on('sync.status', (payload) => {
      const status = payload as SyncStatus;
      const before = queryClient.getQueryData<SyncStatus>(SYNC_STATUS_KEY);
      queryClient.setQueryData(SYNC_STATUS_KEY, status);
      if (
        before?.openConflicts !== status.openConflicts ||
        before?.lastSyncAt !== status.lastSyncAt
      ) {
        void queryClient.invalidateQueries({ queryKey: ['sync.conflicts'] });
      }
    });
    // After a reconnect events may have been missed: refetch what is on screen.
    let wasOpen = bridge.connection().status === 'open';
    const offConnection = bridge.subscribeConnection(() => {
      const open = bridge.connection().status === 'open';
      if (open && !wasOpen) void queryClient.invalidateQueries();
      wasOpen = open;
    });
    return () => {
      // A refresh still waiting is done now rather than lost.
      for (const [method, timer] of waiting) {
        clearTimeout(timer);
        void queryClient.invalidateQueries({ queryKey: [method] });
      }
      off();
      offSync();
      offConnection();
    };
  }, [bridge]);
}
