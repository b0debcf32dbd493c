/**
 * Plain functions behind the handover views: status words, the inbox's tabs and groups, and what
 * a document still needs. Kept apart from React so tests can check them directly.
 */
import type {
  HandoverComment,
  HandoverDocument,
  HandoverListItem,
  HandoverStatus,
} from '../../../shared/contract';

/** A status as the pill says it. */
export const STATUS_LABELS: Record<HandoverStatus, string> = {
  draft: 'Draft',
  submitted: 'New',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  accepted: 'Accepted',
};

/** The inbox's groups, in the order a success team works them. */
export const STATUS_GROUPS: { status: HandoverStatus; title: string }[] = [
  { status: 'submitted', title: 'New' },
  { status: 'in_review', title: 'In review' },
  { status: 'changes_requested', title: 'Changes requested' },
  { status: 'draft', title: 'Drafts' },
  { status: 'accepted', title: 'Accepted' },
];

export type InboxTab = 'waiting' | 'mine' | 'all';

export const INBOX_TABS: { value: InboxTab; label: string }[] = [
  { value: 'waiting', label: 'Waiting for me' },
  { value: 'mine', label: 'Mine' },
  { value: 'all', label: 'All' },
];

export function inboxTab(value: string | null): InboxTab {
  return value === 'mine' || value === 'all' ? value : 'waiting';
}

/** What the success owner still has to do: read a new one, finish a review. */
export const OWNER_WAITS_ON: HandoverStatus[] = ['submitted', 'in_review'];
/** What the author still has to do: finish the draft, answer the requested changes. */
export const AUTHOR_WAITS_ON: HandoverStatus[] = ['draft', 'changes_requested'];

/**
 * Handovers waiting for me: those given to me that I have not decided on, and mine to write or
 * fix. `owned` and `authored` are `handover.list`'s answers for those scopes.
 */
export function waitingForMe(
  owned: readonly HandoverListItem[],
  authored: readonly HandoverListItem[],
): HandoverListItem[] {
  return mergeNewestFirst(
    owned.filter((h) => OWNER_WAITS_ON.includes(h.status)),
    authored.filter((h) => AUTHOR_WAITS_ON.includes(h.status)),
  );
}

/** Two lists as one, each handover once, newest change first. */
export function mergeNewestFirst(...lists: (readonly HandoverListItem[])[]): HandoverListItem[] {
  const byId = new Map<string, HandoverListItem>();
  for (const list of lists) for (const item of list) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.updatedAt - a.updatedAt);
}

/** The items of each status group, in group order; empty groups left out. */
export function groupByStatus(
  items: readonly HandoverListItem[],
): { status: HandoverStatus; title: string; items: HandoverListItem[] }[] {
  return STATUS_GROUPS.map((group) => ({
    ...group,
    items: items.filter((item) => item.status === group.status),
  })).filter((group) => group.items.length > 0);
}

export function countByStatus(items: readonly HandoverListItem[]): Record<HandoverStatus, number> {
  const counts: Record<HandoverStatus, number> = {
    draft: 0,
    submitted: 0,
    in_review: 0,
    changes_requested: 0,
    accepted: 0,
  };
  for (const item of items) counts[item.status]++;
  return counts;
}

/** "Goals and Promises" / "Goals, Stakeholders and Promises". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The first required section that is still empty, to scroll to before a submit. */
export function firstMissingSection(
  sections: readonly { sectionId: string; required: boolean; body: string }[],
): string | null {
  return sections.find((s) => s.required && s.body.trim() === '')?.sectionId ?? null;
}

/** Comments by the section they are on (`''` for the whole document), oldest first. */
export function commentsBySection(
  comments: readonly HandoverComment[],
): Map<string, HandoverComment[]> {
  const map = new Map<string, HandoverComment[]>();
  const sorted = [...comments].sort((a, b) => a.createdAt - b.createdAt);
  for (const comment of sorted) {
    const key = comment.sectionId ?? '';
    map.set(key, [...(map.get(key) ?? []), comment]);
  }
  return map;
}

/** One line under the title: where the handover stands and who has the next move. */
export function statusLine(doc: HandoverDocument): string {
  const owner = doc.successOwnerName ?? 'the success owner';
  const author = doc.authorName ?? 'the author';
  switch (doc.status) {
    case 'draft':
      return doc.currentVersion === 0
        ? `Draft by ${author}, not submitted yet`
        : `Draft by ${author}`;
    case 'submitted':
      return `Submitted to ${owner}, waiting for the review`;
    case 'in_review':
      return `${owner} is reviewing version ${doc.currentVersion}`;
    case 'changes_requested':
      return `${doc.decidedByName ?? owner} asked for changes to version ${doc.currentVersion}`;
    case 'accepted':
      return `Accepted by ${doc.decidedByName ?? owner}`;
  }
}

/** A file name for the PDF, from the Markdown export's (`handover-acme-robotics.md`). */
export function pdfFileName(markdownFileName: string): string {
  return markdownFileName.replace(/\.md$/i, '') + '.pdf';
}

/** Markdown editing helpers for the toolbar: wrap the selection, or prefix its lines. */
export interface TextEdit {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

export function wrapSelection(edit: TextEdit, before: string, after = before): TextEdit {
  const { value, selectionStart: start, selectionEnd: end } = edit;
  const selected = value.slice(start, end);
  if (
    selected.startsWith(before) &&
    selected.endsWith(after) &&
    selected.length >= before.length + after.length
  ) {
    const inner = selected.slice(before.length, selected.length - after.length);
    return {
      value: value.slice(0, start) + inner + value.slice(end),
      selectionStart: start,
      selectionEnd: start + inner.length,
    };
  }
  return {
    value: value.slice(0, start) + before + selected + after + value.slice(end),
    selectionStart: start + before.length,
    selectionEnd: end + before.length,
  };
}

/** Put `prefix` before every line the selection touches (a list, a heading). */
export function prefixLines(edit: TextEdit, prefix: string): TextEdit {
  const { value, selectionStart, selectionEnd } = edit;
  const lineStart = value.lastIndexOf('\n', selectionStart - 1) + 1;
  const nextBreak = value.indexOf('\n', selectionEnd);
  const lineEnd = nextBreak === -1 ? value.length : nextBreak;
  const lines = value.slice(lineStart, lineEnd).split('\n');
  const all = lines.every((line) => line.startsWith(prefix));
  const changed = lines.map((line) => (all ? line.slice(prefix.length) : prefix + line));
  const text = changed.join('\n');
  return {
    value: value.slice(0, lineStart) + text + value.slice(lineEnd),
    selectionStart: lineStart,
    selectionEnd: lineStart + text.length,
  };
}

export type DiffRow =
  | { kind: 'line'; line: { kind: 'same' | 'added' | 'removed'; text: string } }
  | { kind: 'gap'; count: number };

/**
 * A section's diff lines with long unchanged stretches folded: `context` unchanged lines stay on
 * each side of a change, the rest become one "N unchanged lines" row.
 */
export function foldUnchanged(
  lines: readonly { kind: 'same' | 'added' | 'removed'; text: string }[],
  context = 2,
): DiffRow[] {
  const keep = lines.map((line) => line.kind !== 'same');
  const near = lines.map((_, i) => {
    for (let d = -context; d <= context; d++) if (keep[i + d]) return true;
    return false;
  });
  const rows: DiffRow[] = [];
  let gap = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (gap > 0) rows.push({ kind: 'gap', count: gap });
      gap = 0;
      rows.push({ kind: 'line', line });
    } else gap++;
  });
  if (gap > 0) rows.push({ kind: 'gap', count: gap });
  // A fold of a single line hides nothing worth hiding.
  return rows.flatMap((row, i) => {
    if (row.kind !== 'gap' || row.count > 1) return [row];
    const index = rows.slice(0, i).reduce((n, r) => n + (r.kind === 'gap' ? r.count : 1), 0);
    return [{ kind: 'line' as const, line: lines[index]! }];
  });
}
