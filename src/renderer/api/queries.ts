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
 * Which API namespaces show data from which tables. Query keys start with the method name
 * (`['deals.list', input]`), so a change to `accounts` refetches accounts and deals (which show
 * account names) and nothing else.
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
  stage_history: ['deals', 'board', 'accounts', 'contacts', 'dashboard'],
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
  contacts: ['contacts', 'deals', 'accounts', 'search', 'followUps', 'dashboard'],
  users: ['users', 'deals', 'board', 'accounts', 'contacts', 'app', 'dashboard', 'handover'],
  team: ['app', 'deals', 'board'],
  stages: ['stages', 'deals', 'board', 'campaigns', 'dashboard'],
  phases: ['stages', 'board'],
  notes: ['deals', 'contacts', 'accounts', 'search'],
  calls: ['calls', 'deals', 'contacts', 'accounts', 'board', 'dashboard'],
  follow_ups: ['followUps', 'deals', 'contacts', 'accounts', 'board', 'dashboard'],
  campaigns: ['campaigns'],
  satisfaction_responses: ['accounts', 'dashboard'],
  saved_views: ['views'],
  team_settings: ['settings', 'calls', 'followUps', 'scoring', 'scores', 'handover'],
  call_transcripts: ['calls'],
  call_scores: ['calls', 'dashboard', 'scores'],
  handovers: ['handover', 'deals'],
  handover_sections: ['handover'],
  handover_comments: ['handover'],
  handover_versions: ['handover'],
  presence: ['dashboard'],
  sync_conflicts: ['sync'],
};

/** The key `useApiQuery('sync.status', {})` reads. */
export const SYNC_STATUS_KEY = ['sync.status', {}] as const;

export function namespacesFor(tables: readonly string[]): Set<string> {
  const namespaces = new Set<string>();
  for (const table of tables) for (const ns of SHOWN_IN[table] ?? [table]) namespaces.add(ns);
  return namespaces;
}

/** Keep every open view current: refetch the queries a committed change affects. */
export function useLiveQueries(bridge: Bridge): void {
  useEffect(() => {
    const off = bridge.on('data.changed', (payload) => {
      const namespaces = namespacesFor((payload as DataChanged).tables);
      void queryClient.invalidateQueries({
        predicate: (query) => namespaces.has(String(query.queryKey[0]).split('.')[0]!),
      });
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
      off();
      offSync();
      offConnection();
    };
  }, [bridge]);
}
