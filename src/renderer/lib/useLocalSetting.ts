import { useCallback, useState } from 'react';

type Updater<T> = T | ((current: T) => T);

/** A preference of this device (column widths, hidden columns), kept in localStorage. */
export function useLocalSetting<T>(key: string, fallback: T): [T, (next: Updater<T>) => void] {
  const storageKey = `cockpit.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(storageKey);
      return stored ? (JSON.parse(stored) as T) : fallback;
    } catch {
      return fallback;
    }
  });
  const set = useCallback(
    (next: Updater<T>) =>
      setValue((current) => {
        const resolved = typeof next === 'function' ? (next as (c: T) => T)(current) : next;
        localStorage.setItem(storageKey, JSON.stringify(resolved));
        return resolved;
      }),
    [storageKey],
  );
  return [value, set];
}
