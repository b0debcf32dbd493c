/**
 * A handover as a Markdown document a customer-success lead would forward: title, customer, a
 * table of the deal's facts, the sections in order, and which version it is and who accepted it.
 */
import type { HandoverDocument, ParsedInput } from '../../shared/contract';
import { formatMoney } from '../../shared/money';
import type { CoreContext } from '../context';
import { getHandover } from './documents';
import { dateText } from './prefill';
import { currentSnapshot, readVersion, type SnapshotSection } from './versions';

const STATUS_TEXT: Record<HandoverDocument['status'], string> = {
  draft: 'Draft',
  submitted: 'Submitted, waiting for review',
  in_review: 'In review',
  accepted: 'Accepted',
  changes_requested: 'Changes requested',
};

/** A table cell: no line breaks, and pipes escaped. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'deal'
  );
}

function teamZone(ctx: CoreContext): string {
  const row = ctx.store.prepare('SELECT time_zone AS tz FROM team LIMIT 1').get() as
    { tz: string | null } | undefined;
  const zone = row?.tz ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

export function exportMarkdown(
  ctx: CoreContext,
  input: ParsedInput<'handover.exportMarkdown'>,
): { fileName: string; markdown: string } {
  const doc = getHandover(ctx, input.id);
  const zone = teamZone(ctx);
  const date = (ms: number | null) => (ms === null ? '—' : dateText(ms, zone));
  const version =
    input.version !== undefined ? readVersion(ctx, doc.id, input.version, 'version') : null;
  const sections: SnapshotSection[] = version ? version.sections : currentSnapshot(ctx, doc.id);
  const title = doc.dealTitle ?? 'Untitled deal';

  const facts: [string, string][] = [
    ['Customer', doc.accountName ?? '—'],
    ['Deal', title],
    [
      'Value',
      doc.valueMinor !== null && doc.currency
        ? formatMoney(doc.valueMinor, doc.currency, { locale: 'en-GB' })
        : '—',
    ],
    ['Won', date(doc.deal.wonAt)],
    ['Renewal date', date(doc.deal.renewalAt)],
    ['Stage now', doc.deal.stageName ?? '—'],
    ['Sales (author)', doc.authorName ?? '—'],
    ['Success owner', doc.successOwnerName ?? '—'],
  ];

  let state: string;
  if (version) {
    const decided =
      version.decision === 'accepted'
        ? ` · Accepted by ${version.decidedByName ?? 'the success owner'} on ${date(version.decidedAt)}`
        : version.decision === 'changes_requested'
          ? ` · Changes requested by ${version.decidedByName ?? 'the success owner'} on ${date(version.decidedAt)}`
          : '';
    state = `Version ${version.number}, submitted by ${version.submittedByName ?? 'the author'} on ${date(version.submittedAt)}${decided}`;
  } else if (doc.currentVersion === 0) {
    state = 'Draft, not submitted yet';
  } else {
    const accepted =
      doc.status === 'accepted'
        ? ` by ${doc.decidedByName ?? 'the success owner'} on ${date(doc.decidedAt)}`
        : '';
    state = `${STATUS_TEXT[doc.status]}${accepted} · version ${doc.currentVersion} of ${date(doc.submittedAt)}`;
  }

  const out: string[] = [
    `# Handover: ${title}`,
    '',
    `**${doc.accountName ?? title}** · ${state}`,
    '',
    '| | |',
    '| --- | --- |',
    ...facts.map(([label, value]) => `| ${label} | ${cell(value)} |`),
    '',
  ];
  for (const section of [...sections].sort((a, b) => a.position - b.position)) {
    out.push(`## ${section.title}`, '');
    out.push(section.body.trim() || '_Not filled in._', '');
  }
  const openComments = doc.comments.filter((c) => c.resolvedAt === null);
  if (!version && openComments.length > 0) {
    out.push('## Open comments', '');
    for (const comment of openComments) {
      const on = comment.sectionId
        ? (sections.find((s) => s.sectionId === comment.sectionId)?.title ?? comment.sectionId)
        : 'the whole handover';
      out.push(
        `- **${comment.authorName ?? 'Someone'}** on ${on} (${date(comment.createdAt)}): ${cell(comment.body)}`,
      );
    }
    out.push('');
  }
  out.push('---', '', `_${state}. Exported from Lifecycle Cockpit on ${date(ctx.now())}._`, '');
  const number = version?.number ?? doc.currentVersion;
  return {
    fileName: `handover-${slug(title)}${number > 0 ? `-v${number}` : '-draft'}.md`,
    markdown: out.join('\n'),
  };
}
