/** What sync's status says in words: the sidebar, the badge, the devices table. Plain functions. */
import type { SyncPeer, SyncProblem, SyncStatus } from '../../../shared/contract';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago": short enough for the sidebar. */
export function ago(ms: number, now = Date.now()): string {
  const diff = Math.max(0, now - ms);
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  const days = Math.floor(diff / DAY);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** "40 s", "5 min", "1 h", "2 days": how far a clock is off. */
export function duration(ms: number): string {
  if (ms < MINUTE) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} h`;
  const days = Math.round(ms / DAY);
  return days === 1 ? '1 day' : `${days} days`;
}

/** Clocks a few seconds apart are normal; past this a device's clock is worth a word. */
export const CLOCK_WARNING_MS = 30_000;

/** "clock 1 h ahead", or null when its clock was not seen ahead. */
export function clockAhead(peer: Pick<SyncPeer, 'aheadMs'>): string | null {
  if (peer.aheadMs == null || peer.aheadMs < CLOCK_WARNING_MS) return null;
  return `clock ${duration(peer.aheadMs)} ahead`;
}

export type StateTone = 'success' | 'accent' | 'warning' | 'danger' | 'neutral';

export const STATE_LABEL: Record<SyncStatus['state'], { label: string; tone: StateTone }> = {
  off: { label: 'Off', tone: 'neutral' },
  idle: { label: 'In sync', tone: 'success' },
  syncing: { label: 'Syncing', tone: 'accent' },
  halted: { label: 'Halted', tone: 'warning' },
  error: { label: 'Error', tone: 'danger' },
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** The sidebar's line: "Synced 2 min ago", "Syncing…", "Sync halted", "Not syncing". */
export function indicatorText(status: SyncStatus, now = Date.now()): string {
  switch (status.state) {
    case 'off':
      return 'Not syncing';
    case 'syncing':
      return 'Syncing…';
    case 'halted':
      return 'Sync halted';
    case 'error':
      return 'Sync error';
    case 'idle':
      return status.lastSyncAt == null ? 'Synced' : `Synced ${ago(status.lastSyncAt, now)}`;
  }
}

/** "Synced 2 min ago · 3 conflicts · 1 change refused". */
export function indicatorLine(status: SyncStatus, now = Date.now()): string {
  const parts = [indicatorText(status, now)];
  if (status.openConflicts > 0) parts.push(plural(status.openConflicts, 'conflict'));
  if (status.refused.length > 0) parts.push(refusedCount(status.refused.length));
  return parts.join(' · ');
}

/** What waits for a person, under the sidebar's line: "3 conflicts to settle", "1 change refused". */
export function indicatorNotes(status: Pick<SyncStatus, 'openConflicts' | 'refused'>): string[] {
  const notes: string[] = [];
  if (status.openConflicts > 0) notes.push(`${plural(status.openConflicts, 'conflict')} to settle`);
  if (status.refused.length > 0) notes.push(refusedCount(status.refused.length));
  return notes;
}

const refusedCount = (count: number) => `${plural(count, 'change')} refused`;

/** Who a device is: its person, else its name, else the start of its id. */
export function peerLabel(peer: Pick<SyncPeer, 'id' | 'name' | 'userName' | 'userEmail'>): {
  person: string;
  device: string;
} {
  const device = peer.name?.trim() || `Device ${peer.id.slice(0, 8)}`;
  const person = peer.userName?.trim() || peer.userEmail?.trim() || 'Someone';
  return { person, device };
}

/** "Sam Seller (this device)" → "Sam Seller": the person, for an avatar or a sentence. */
export function personName(by: string): string {
  return by.replace(/\s*\([^)]*\)$/, '') || by;
}

export const PROBLEM_KIND: Record<SyncProblem['kind'], string> = {
  partial: 'Still arriving',
  corrupt: 'Damaged file',
  'conflict-copy': 'Conflict copy',
  gap: 'Missing changes',
  duplicate: 'Duplicate file',
  unreadable: 'Unreadable',
};

/** What an error says, without the method and field prefix meant for developers. */
export function plainMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^[\w.]+: [\w.[\]]+: /, '').replace(/^sync\.\w+: /, '');
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/**
 * A conflicting field's value as people read it. The values are what the database stores, so
 * amounts come in minor units and times in ms; an empty field says so.
 */
export function conflictValue(
  column: string,
  value: string | number | null,
): { text: string; empty: boolean } {
  if (value == null || value === '') return { text: 'Empty', empty: true };
  if (typeof value === 'number') {
    if (column.endsWith('_minor')) {
      const amount = (value / 100).toLocaleString(undefined, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      return { text: amount, empty: false };
    }
    if (/_(at|date|on)$/.test(column)) return { text: dateTime.format(value), empty: false };
    return { text: value.toLocaleString(), empty: false };
  }
  return { text: value, empty: false };
}

export function exactTime(ms: number): string {
  return dateTime.format(ms);
}

/** Tables in the words of the app: one row, several rows (or the whole, for the team). */
const TABLE_WORDS: Record<string, { one: string; many: string } | string> = {
  deals: { one: 'a deal', many: 'deals' },
  contacts: { one: 'a contact', many: 'contacts' },
  accounts: { one: 'an account', many: 'accounts' },
  stages: { one: 'a pipeline stage', many: 'pipeline stages' },
  phases: { one: 'a pipeline phase', many: 'pipeline phases' },
  stage_history: { one: 'a stage move', many: 'stage moves' },
  users: { one: 'a person on the team', many: 'people on the team' },
  notes: { one: 'a note', many: 'notes' },
  calls: { one: 'a call', many: 'calls' },
  follow_ups: { one: 'a follow-up', many: 'follow-ups' },
  campaigns: { one: 'a campaign', many: 'campaigns' },
  satisfaction_responses: { one: 'a satisfaction answer', many: 'satisfaction answers' },
  saved_views: { one: 'a saved view', many: 'saved views' },
  team_settings: { one: 'a team setting', many: 'team settings' },
  call_transcripts: { one: 'a call transcript', many: 'call transcripts' },
  call_scores: { one: 'a call score', many: 'call scores' },
  handovers: { one: 'a handover', many: 'handovers' },
  handover_sections: { one: 'a handover section', many: 'handover sections' },
  handover_comments: { one: 'a handover comment', many: 'handover comments' },
  handover_versions: { one: 'a handover version', many: 'handover versions' },
  team: 'team settings',
};

/**
 * What a change touched, when there is no record to name: "A note", "3 deals", "Team settings";
 * a table the app does not know yet by its own name.
 */
export function tableWords(table: string, count: number): string {
  const words = TABLE_WORDS[table];
  const text =
    typeof words === 'string'
      ? words
      : words
        ? count === 1
          ? words.one
          : `${count.toLocaleString()} ${words.many}`
        : `${count === 1 ? '' : `${count.toLocaleString()} `}${table.replaceAll('_', ' ')}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Tables whose rows have a page of their own, and the noun a heading names them by. */
export const RECORD_PAGES = {
  deals: { path: '/deals/', noun: 'Deal' },
  contacts: { path: '/contacts/', noun: 'Contact' },
  accounts: { path: '/accounts/', noun: 'Account' },
} as const;
export type RecordTable = keyof typeof RECORD_PAGES;

export function isRecordTable(table: string): table is RecordTable {
  return Object.hasOwn(RECORD_PAGES, table);
}

/** The server's reason as a sentence: "Only admins change the pipeline." */
export function reasonSentence(reason: string): string {
  const text = reason.trim();
  if (!text) return 'Your role may not make this change.';
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
