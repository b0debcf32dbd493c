import { useSyncExternalStore } from 'react';
import type { Call } from '../../../shared/contract';

/** Who a call is with, as the panel names it. */
export interface CallSubject {
  dealId?: string;
  contactId?: string;
  /** The person (or the deal when there is nobody yet). */
  name: string;
  /** The deal, when calling from one. */
  dealTitle?: string;
  phone?: string | null;
}

export interface ActiveCall {
  call: Call;
  subject: CallSubject;
}

/**
 * The call in progress, outside React's tree of views: the panel stays docked while the rep moves
 * between pages during the call.
 */
let active: ActiveCall | null = null;
const listeners = new Set<() => void>();

export const callStore = {
  get: () => active,
  set(next: ActiveCall | null) {
    active = next;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useActiveCall(): ActiveCall | null {
  return useSyncExternalStore(callStore.subscribe, callStore.get);
}
