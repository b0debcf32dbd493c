/**
 * Places where the crash-safety tests kill the process (`COCKPIT_FAILPOINT=<name>`), to show that
 * a crash at any of them loses nothing and duplicates nothing after a restart. Without the
 * variable this is one comparison.
 */
export type Failpoint =
  /** A segment's `.part` is written and fsynced; it has not been renamed into place. */
  | 'segment-written'
  /** A segment has just been renamed into place; nothing after it has happened. */
  | 'segment-renamed'
  /** Inside the transaction that applies other devices' ops, after the first entry. */
  | 'apply-mid';

export function failpoint(name: Failpoint): void {
  if (process.env.COCKPIT_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
