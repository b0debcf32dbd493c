import {
  ArrowLeft,
  Building2,
  CircleAlert,
  CircleCheck,
  Download,
  ExternalLink,
  FileDown,
  Hourglass,
  Send,
  Undo2,
  Eye,
} from 'lucide-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { HandoverDocument } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { api, useApiQuery, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import { formatDate, formatDateTime } from '../../lib/format';
import { HANDOVER_DOCUMENT_COMMANDS } from './commands';
import { AcceptDialog, RequestChangesDialog } from './DecisionDialogs';
import { DiffView, type Comparison } from './DiffView';
import { downloadMarkdown } from './exportDocument';
import { commentsBySection, firstMissingSection, listWords, statusLine } from './handoverText';
import { HandoverRail } from './HandoverRail';
import { SectionCard, sectionDomId, type SectionHandle } from './SectionCard';
import { StatusPill } from './StatusPill';
import styles from './HandoverPage.module.css';

/** `#/handovers/:handoverId`: one handover, to write, review or read. */
export function HandoverPage() {
  const { handoverId = '' } = useParams();
  const doc = useApiQuery('handover.get', { id: handoverId });
  if (doc.isError && !doc.data) {
    return (
      <div className={styles.page}>
        <BackLink />
        <EmptyState tone="danger" icon={<CircleAlert />} title="This handover cannot be opened">
          {doc.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!doc.data || doc.data.id !== handoverId) {
    return (
      <div className={styles.page} aria-busy>
        <Skeleton height={18} width={120} />
        <Skeleton height={34} width="45%" />
        <Skeleton height={64} />
        <Skeleton height={220} />
      </div>
    );
  }
  return <HandoverDocumentView key={doc.data.id} doc={doc.data} />;
}

function BackLink() {
  return (
    <Link to="/handovers" className={styles.back}>
      <ArrowLeft size={15} aria-hidden /> Handovers
    </Link>
  );
}

/** `?compare=1-2` (version 1 to 2) or `?compare=2-now`. */
function readComparison(value: string | null, latest: number): Comparison | null {
  const match = /^(\d+)-(\d+|now)$/.exec(value ?? '');
  if (!match) return null;
  const from = Number(match[1]);
  const to = match[2] === 'now' ? null : Number(match[2]);
  if (from < 1 || from > latest || (to !== null && (to <= from || to > latest))) return null;
  return { from, to };
}

function HandoverDocumentView({ doc }: { doc: HandoverDocument }) {
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const comparison = readComparison(params.get('compare'), doc.currentVersion);
  const compare = (next: Comparison | null) =>
    setParams(next ? { compare: `${next.from}-${next.to ?? 'now'}` } : {}, { replace: false });
  const [attempted, setAttempted] = useState(false);
  const [dialog, setDialog] = useState<'accept' | 'changes' | null>(null);
  const [busy, setBusy] = useState<'submit' | 'review' | 'markdown' | null>(null);
  const [ownerError, setOwnerError] = useState<string | null>(null);
  const ownerSelect = useRef<HTMLSelectElement>(null);
  const handles = useRef(new Map<string, SectionHandle>());
  const register = useCallback((sectionId: string, handle: SectionHandle | null) => {
    if (handle) handles.current.set(sectionId, handle);
    else handles.current.delete(sectionId);
  }, []);
  const threads = useMemo(() => commentsBySection(doc.comments), [doc.comments]);
  const can = doc.can;

  const focusSection = (sectionId: string) => {
    document
      .getElementById(sectionDomId(sectionId))
      ?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    handles.current.get(sectionId)?.focus();
  };

  const submit = async () => {
    if (!can.submit || busy) return;
    setBusy('submit');
    try {
      // What is typed now is what gets submitted.
      await Promise.all([...handles.current.values()].map((h) => h.flush()));
      const texts = doc.sections.map((s) => ({
        ...s,
        body: handles.current.get(s.sectionId)?.current() ?? s.body,
      }));
      const missing = firstMissingSection(texts);
      if (missing) {
        setAttempted(true);
        const names = texts.filter((s) => s.required && !s.body.trim()).map((s) => s.title);
        toast.error(`Fill in the required sections first: ${listWords(names)}.`);
        focusSection(missing);
        return;
      }
      if (!doc.successOwnerId) {
        setOwnerError('Choose who receives the handover.');
        ownerSelect.current?.focus();
        ownerSelect.current?.scrollIntoView({ block: 'center' });
        return;
      }
      const next = await api.handover.submit({ id: doc.id });
      setAttempted(false);
      toast.success(
        `Submitted to ${next.successOwnerName ?? 'the success owner'} as version ${next.currentVersion}`,
      );
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const startReview = async () => {
    if (!can.review || busy) return;
    setBusy('review');
    try {
      await api.handover.review({ id: doc.id });
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const exportMarkdown = async () => {
    setBusy('markdown');
    try {
      toast.success(`Downloaded ${await downloadMarkdown(doc.id)}`);
    } catch (error) {
      toast.error(`The export failed: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  useShortcut(
    HANDOVER_DOCUMENT_COMMANDS.submit,
    () => void (can.submit ? submit() : startReview()),
    { whileTyping: true, enabled: can.submit || can.review },
  );
  const focusedSection = () => {
    const active = document.activeElement?.closest('section[id^="handover-section-"]');
    return active ? active.id.replace('handover-section-', '') : null;
  };
  useShortcut(
    HANDOVER_DOCUMENT_COMMANDS.save,
    () => {
      const id = focusedSection();
      if (id)
        void handles.current
          .get(id)
          ?.flush()
          .catch(() => undefined);
    },
    { whileTyping: true, enabled: can.edit },
  );
  useShortcut(
    HANDOVER_DOCUMENT_COMMANDS.preview,
    () => {
      const id = focusedSection();
      if (id) handles.current.get(id)?.togglePreview();
    },
    { whileTyping: true, enabled: can.edit },
  );

  const written = doc.sections.filter((s) => s.body.trim() !== '').length;
  const missingNow = doc.sections.filter((s) => s.missing);
  const value =
    doc.valueMinor !== null && doc.currency ? formatMoney(doc.valueMinor, doc.currency) : null;

  return (
    <div className={styles.page}>
      <BackLink />
      <header className={styles.header}>
        <div className={styles.headline}>
          <div className={styles.eyebrow}>
            Handover
            {doc.currentVersion > 0 ? ` · version ${doc.currentVersion}` : ' · not submitted yet'}
          </div>
          <h1 className={styles.title}>{doc.dealTitle ?? 'Untitled deal'}</h1>
          <div className={styles.facts}>
            <StatusPill status={doc.status} />
            {doc.accountName && (
              <span className={styles.fact}>
                <Building2 size={14} aria-hidden />
                {doc.accountId ? (
                  <Link to={`/accounts/${doc.accountId}`}>{doc.accountName}</Link>
                ) : (
                  doc.accountName
                )}
              </span>
            )}
            {value && <span className={styles.fact}>{value}</span>}
            {doc.deal.wonAt && (
              <span className={styles.fact}>Won {formatDate(doc.deal.wonAt)}</span>
            )}
            {doc.dealId && (
              <Link to={`/deals/${doc.dealId}`} className={styles.fact}>
                <ExternalLink size={13} aria-hidden />
                Open the deal
                {doc.deal.stageName && <span className={styles.muted}>({doc.deal.stageName})</span>}
              </Link>
            )}
          </div>
        </div>
        <div className={styles.actions}>
          <Button
            icon={<Download />}
            busy={busy === 'markdown'}
            onClick={() => void exportMarkdown()}
            title="Download the handover as a Markdown file"
          >
            Download Markdown
          </Button>
          <Link
            to={`/handovers/${doc.id}/print?pdf=1`}
            className={styles.linkButton}
            title="Open the print layout and save it as a PDF"
          >
            <FileDown size={15} aria-hidden />
            Export PDF
          </Link>
          {can.review && (
            <Button
              variant="primary"
              icon={<Eye />}
              busy={busy === 'review'}
              shortcut={keyLabel(HANDOVER_DOCUMENT_COMMANDS.submit.keys)}
              onClick={() => void startReview()}
            >
              Start review
            </Button>
          )}
          {can.decide && (
            <>
              <Button icon={<Undo2 />} onClick={() => setDialog('changes')}>
                Request changes
              </Button>
              <Button variant="primary" icon={<CircleCheck />} onClick={() => setDialog('accept')}>
                Accept
              </Button>
            </>
          )}
          {can.submit && (
            <Button
              variant="primary"
              icon={<Send />}
              busy={busy === 'submit'}
              shortcut={keyLabel(HANDOVER_DOCUMENT_COMMANDS.submit.keys)}
              onClick={() => void submit()}
              title={
                doc.successOwnerName
                  ? `Send it to ${doc.successOwnerName} for review`
                  : 'Choose a success owner, then send it for review'
              }
            >
              {doc.currentVersion > 0 ? `Submit version ${doc.currentVersion + 1}` : 'Submit'}
            </Button>
          )}
        </div>
      </header>

      <div className={styles.people}>
        <div className={styles.peopleItem}>
          <span className={styles.label}>Written by</span>
          {doc.authorName ? (
            <span className={styles.person}>
              <Avatar name={doc.authorName} size={24} />
              {doc.authorName}
            </span>
          ) : (
            <span className={styles.muted}>Nobody yet</span>
          )}
        </div>
        <OwnerPicker
          doc={doc}
          selectRef={ownerSelect}
          error={ownerError}
          onChanged={() => setOwnerError(null)}
        />
        <div className={styles.peopleItem}>
          <span className={styles.label}>Sections</span>
          <div className={styles.progress}>
            <div
              className={styles.progressBar}
              role="progressbar"
              aria-label="Sections written"
              aria-valuemin={0}
              aria-valuemax={doc.sections.length}
              aria-valuenow={written}
            >
              <span style={{ width: `${(written / Math.max(1, doc.sections.length)) * 100}%` }} />
            </div>
            <span className={styles.progressText}>
              {written} of {doc.sections.length} written
              {missingNow.length > 0 && (
                <span className={styles.missingText}> · {missingNow.length} required missing</span>
              )}
            </span>
          </div>
        </div>
      </div>

      <StatusBanner doc={doc} />

      <div className={styles.columns}>
        <div className={styles.main}>
          {comparison ? (
            <DiffView
              handoverId={doc.id}
              versions={doc.versions.map((v) => v.number)}
              comparison={comparison}
              canCompareWithNow={can.edit}
              onChange={compare}
              onClose={() => compare(null)}
            />
          ) : (
            doc.sections.map((section, index) => (
              <SectionCard
                key={section.sectionId}
                handoverId={doc.id}
                number={index + 1}
                section={section}
                editable={can.edit}
                canComment={can.comment}
                comments={threads.get(section.sectionId) ?? []}
                highlightMissing={attempted}
                register={register}
              />
            ))
          )}
        </div>
        <HandoverRail
          doc={doc}
          documentComments={threads.get('') ?? []}
          comparison={comparison}
          onCompare={compare}
          onJump={(sectionId) => {
            if (comparison) compare(null);
            requestAnimationFrame(() => focusSection(sectionId));
          }}
        />
      </div>

      {dialog === 'changes' && (
        <RequestChangesDialog
          doc={doc}
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            toast.success(`Sent back to ${next.authorName ?? 'the author'} with your comments`);
          }}
        />
      )}
      {dialog === 'accept' && (
        <AcceptDialog
          doc={doc}
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            toast.success(
              `Accepted: ${next.dealTitle ?? 'the deal'} is in ${next.deal.stageName ?? 'Onboarding'}`,
            );
          }}
        />
      )}
    </div>
  );
}

/** The success owner: chosen by whoever writes the handover, from the success team and managers. */
function OwnerPicker({
  doc,
  selectRef,
  error,
  onChanged,
}: {
  doc: HandoverDocument;
  selectRef: React.RefObject<HTMLSelectElement | null>;
  error: string | null;
  onChanged: () => void;
}) {
  const users = useUsers();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const candidates = (users.data ?? []).filter(
    (u) =>
      (u.role === 'success' || u.role === 'manager' || u.role === 'admin') &&
      (u.active || u.id === doc.successOwnerId),
  );
  const ROLE = { success: 'Customer success', manager: 'Manager', admin: 'Admin', rep: 'Rep' };
  if (!doc.can.setOwner) {
    return (
      <div className={styles.peopleItem}>
        <span className={styles.label}>Success owner</span>
        {doc.successOwnerName ? (
          <span className={styles.person}>
            <Avatar name={doc.successOwnerName} size={24} />
            {doc.successOwnerName}
          </span>
        ) : (
          <span className={styles.muted}>Not chosen yet</span>
        )}
      </div>
    );
  }
  return (
    <div className={styles.peopleItem}>
      <label className={styles.label} htmlFor="handover-owner">
        Success owner
      </label>
      <div className={styles.ownerField}>
        {doc.successOwnerName && <Avatar name={doc.successOwnerName} size={24} />}
        <select
          id="handover-owner"
          ref={selectRef}
          className={styles.ownerSelect}
          value={doc.successOwnerId ?? ''}
          disabled={saving}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'handover-owner-error' : undefined}
          onChange={async (event) => {
            if (!event.target.value) return;
            setSaving(true);
            try {
              const next = await api.handover.setOwner({ id: doc.id, userId: event.target.value });
              onChanged();
              toast.success(`${next.successOwnerName ?? 'They'} will receive the handover`);
            } catch (caught) {
              toast.error((caught as Error).message);
            } finally {
              setSaving(false);
            }
          }}
        >
          {!doc.successOwnerId && <option value="">Choose who takes over…</option>}
          {candidates.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} — {ROLE[user.role]}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p id="handover-owner-error" className={styles.fieldError} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Where the handover stands, in a sentence, with the next step for whoever reads it. */
function StatusBanner({ doc }: { doc: HandoverDocument }) {
  const open = doc.comments.filter((c) => c.resolvedAt === null).length;
  const latest = doc.versions[0];
  if (doc.status === 'changes_requested') {
    return (
      <div className={styles.banner} data-tone="warning" role="status">
        <Undo2 size={16} aria-hidden />
        <div>
          <strong>Changes requested</strong> by {doc.decidedByName ?? 'the success owner'}
          {doc.decidedAt && ` on ${formatDateTime(doc.decidedAt)}`}.{' '}
          {open > 0 && `${open} open ${open === 1 ? 'comment' : 'comments'} below. `}
          {doc.can.submit && 'Fix the sections and submit again: it becomes a new version.'}
        </div>
      </div>
    );
  }
  if (doc.status === 'accepted') {
    return (
      <div className={styles.banner} data-tone="success" role="status">
        <CircleCheck size={16} aria-hidden />
        <div>
          <strong>Accepted</strong> by {doc.decidedByName ?? 'the success owner'}
          {doc.decidedAt && ` on ${formatDate(doc.decidedAt)}`}. The customer is in{' '}
          {doc.deal.stageName ?? 'Onboarding'}
          {doc.deal.renewalAt ? `; renewal on ${formatDate(doc.deal.renewalAt)}.` : '.'}
        </div>
      </div>
    );
  }
  if (doc.status === 'submitted' || doc.status === 'in_review') {
    return (
      <div className={styles.banner} data-tone="info" role="status">
        <Hourglass size={16} aria-hidden />
        <div>
          <strong>{statusLine(doc)}</strong>
          {latest && ` · submitted ${formatDateTime(latest.submittedAt)}`}
          {doc.can.review && '. Start the review to comment, accept or send it back.'}
        </div>
      </div>
    );
  }
  return null;
}
