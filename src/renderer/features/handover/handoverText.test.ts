import { describe, expect, it } from 'vitest';
import type { HandoverComment, HandoverListItem } from '../../../shared/contract';
import {
  commentsBySection,
  countByStatus,
  firstMissingSection,
  foldUnchanged,
  groupByStatus,
  inboxTab,
  listWords,
  pdfFileName,
  prefixLines,
  waitingForMe,
  wrapSelection,
} from './handoverText';

function item(id: string, status: HandoverListItem['status'], updatedAt: number): HandoverListItem {
  return {
    id,
    dealId: `deal-${id}`,
    dealTitle: `Deal ${id}`,
    accountId: null,
    accountName: null,
    authorId: null,
    authorName: null,
    successOwnerId: null,
    successOwnerName: null,
    status,
    valueMinor: null,
    currency: null,
    currentVersion: 0,
    submittedAt: null,
    decidedAt: null,
    createdAt: 0,
    updatedAt,
    missingRequired: [],
    openComments: 0,
  };
}

describe('the inbox', () => {
  it('waits on me for what I was given to review and what I still have to write or fix', () => {
    const owned = [
      item('new', 'submitted', 5),
      item('reviewing', 'in_review', 9),
      item('done', 'accepted', 10),
      item('sent-back', 'changes_requested', 11),
    ];
    const authored = [
      item('draft', 'draft', 7),
      item('fix', 'changes_requested', 3),
      item('sent', 'submitted', 12),
      item('accepted', 'accepted', 13),
    ];
    expect(waitingForMe(owned, authored).map((h) => h.id)).toEqual([
      'reviewing',
      'draft',
      'new',
      'fix',
    ]);
  });

  it('lists a handover I both wrote and own once, with its newest state', () => {
    const mine = item('both', 'submitted', 4);
    expect(waitingForMe([mine], [{ ...mine }]).map((h) => h.id)).toEqual(['both']);
  });

  it('groups by status in working order and leaves empty groups out', () => {
    const groups = groupByStatus([
      item('a', 'accepted', 1),
      item('b', 'submitted', 2),
      item('c', 'draft', 3),
      item('d', 'submitted', 4),
    ]);
    expect(groups.map((g) => [g.title, g.items.map((i) => i.id)])).toEqual([
      ['New', ['b', 'd']],
      ['Drafts', ['c']],
      ['Accepted', ['a']],
    ]);
    expect(countByStatus([item('a', 'accepted', 1), item('b', 'accepted', 2)])).toMatchObject({
      accepted: 2,
      draft: 0,
    });
  });

  it('reads its tab from the address, waiting by default', () => {
    expect(inboxTab(null)).toBe('waiting');
    expect(inboxTab('mine')).toBe('mine');
    expect(inboxTab('all')).toBe('all');
    expect(inboxTab('everything')).toBe('waiting');
  });
});

describe('a document', () => {
  it('finds the first required section that is empty or only blank', () => {
    const sections = [
      { sectionId: 'goals', required: true, body: 'Cut onboarding time' },
      { sectionId: 'knowledge', required: false, body: '' },
      { sectionId: 'promises', required: true, body: '  \n ' },
      { sectionId: 'sold', required: true, body: '' },
    ];
    expect(firstMissingSection(sections)).toBe('promises');
    expect(firstMissingSection(sections.slice(0, 2))).toBeNull();
  });

  it('threads comments under their section, oldest first, the whole document under ""', () => {
    const comment = (id: string, sectionId: string | null, createdAt: number): HandoverComment => ({
      id,
      sectionId,
      authorId: null,
      authorName: null,
      body: id,
      createdAt,
      resolvedAt: null,
    });
    const threads = commentsBySection([
      comment('late', 'goals', 9),
      comment('whole', null, 5),
      comment('early', 'goals', 1),
    ]);
    expect(threads.get('goals')!.map((c) => c.id)).toEqual(['early', 'late']);
    expect(threads.get('')!.map((c) => c.id)).toEqual(['whole']);
  });

  it('names sections in a sentence and the PDF after the Markdown file', () => {
    expect(listWords(['Goals'])).toBe('Goals');
    expect(listWords(['Goals', 'Promises', 'Risks'])).toBe('Goals, Promises and Risks');
    expect(listWords([])).toBe('');
    expect(pdfFileName('handover-acme-robotics.md')).toBe('handover-acme-robotics.pdf');
  });
});

describe('the Markdown toolbar', () => {
  it('wraps the selection in bold and unwraps it again', () => {
    const bold = wrapSelection({ value: 'say hi now', selectionStart: 4, selectionEnd: 6 }, '**');
    expect(bold).toEqual({ value: 'say **hi** now', selectionStart: 6, selectionEnd: 8 });
    const back = wrapSelection({ ...bold, selectionStart: 4, selectionEnd: 10 }, '**');
    expect(back.value).toBe('say hi now');
  });

  it('makes every touched line a list item, and takes the prefix off when all have it', () => {
    const value = 'intro\nfirst\nsecond\nend';
    const listed = prefixLines({ value, selectionStart: 8, selectionEnd: 14 }, '- ');
    expect(listed.value).toBe('intro\n- first\n- second\nend');
    expect(prefixLines(listed, '- ').value).toBe(value);
  });
});

describe('a diff', () => {
  const same = (text: string) => ({ kind: 'same' as const, text });
  it('folds long unchanged stretches and keeps two lines around each change', () => {
    const lines = [
      ...['a', 'b', 'c', 'd', 'e'].map(same),
      { kind: 'removed' as const, text: 'old' },
      { kind: 'added' as const, text: 'new' },
      ...['f', 'g', 'h', 'i', 'j', 'k'].map(same),
    ];
    const rows = foldUnchanged(lines);
    expect(rows.map((r) => (r.kind === 'gap' ? `…${r.count}` : r.line.text))).toEqual([
      '…3',
      'd',
      'e',
      'old',
      'new',
      'f',
      'g',
      '…4',
    ]);
  });

  it('shows a lone unchanged line rather than folding it', () => {
    const lines = [same('a'), same('b'), same('c'), { kind: 'added' as const, text: 'x' }];
    const rows = foldUnchanged(lines);
    expect(rows.map((r) => (r.kind === 'gap' ? `…${r.count}` : r.line.text))).toEqual([
      'a',
      'b',
      'c',
      'x',
    ]);
  });
});
