import { useMemo } from 'react';
import { useApiQuery } from '../../api';
import { AUTHOR_WAITS_ON, OWNER_WAITS_ON, waitingForMe } from './handoverText';

/**
 * Handovers waiting for the signed-in person (to review, or to write or fix), for the sidebar's
 * badge. Two small queries the inbox's "Waiting for me" tab shares.
 */
export function useWaitingHandovers() {
  const owned = useApiQuery('handover.list', {
    scope: 'owned',
    status: OWNER_WAITS_ON,
    limit: 200,
  });
  const authored = useApiQuery('handover.list', {
    scope: 'authored',
    status: AUTHOR_WAITS_ON,
    limit: 200,
  });
  const items = useMemo(
    () =>
      owned.data && authored.data ? waitingForMe(owned.data.items, authored.data.items) : undefined,
    [owned.data, authored.data],
  );
  return {
    items,
    error: owned.error ?? authored.error,
    refetch: () => void Promise.all([owned.refetch(), authored.refetch()]),
  };
}
