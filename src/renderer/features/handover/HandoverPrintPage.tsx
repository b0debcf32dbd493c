import { ArrowLeft, CircleAlert, Download, FileDown } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { HandoverDocument } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { desktop, useApiQuery, useAppInfo } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import { formatDate, formatDateTime } from '../../lib/format';
import { downloadMarkdown, savePageAsPdf } from './exportDocument';
import { Markdown } from './Markdown';
import styles from './HandoverPrintPage.module.css';

/**
 * `#/handovers/:handoverId/print`: the handover laid out as a document to forward, without the
 * app around it. The same page is what the PDF is made of: Chromium's print in a browser tab,
 * printToPDF in the desktop app. `?pdf=1` starts the export as soon as it has rendered.
 */
export function HandoverPrintPage() {
  const { handoverId = '' } = useParams();
  const doc = useApiQuery('handover.get', { id: handoverId });
  if (doc.isError && !doc.data) {
    return (
      <div className={styles.screen}>
        <EmptyState tone="danger" icon={<CircleAlert />} title="This handover cannot be printed">
          {doc.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!doc.data || doc.data.id !== handoverId) {
    return (
      <div className={styles.screen} aria-busy>
        <div className={styles.paper}>
          <Skeleton height={28} width="50%" />
          <Skeleton height={120} />
        </div>
      </div>
    );
  }
  return <PrintView doc={doc.data} />;
}

function PrintView({ doc }: { doc: HandoverDocument }) {
  const info = useAppInfo();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const [busy, setBusy] = useState<'pdf' | 'markdown' | null>(null);
  const started = useRef(false);
  const [printedAt] = useState(() => Date.now());

  const exportPdf = async () => {
    setBusy('pdf');
    try {
      const outcome = await savePageAsPdf(doc.id);
      if (outcome.kind === 'saved') toast.success(`Saved ${outcome.path}`);
    } catch (error) {
      toast.error(`The PDF could not be made: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  // Opened from "Export PDF": once the document is on the page (fonts included), export it.
  const auto = params.get('pdf') === '1';
  useEffect(() => {
    if (!auto || started.current) return;
    started.current = true;
    setParams({}, { replace: true });
    void document.fonts.ready.then(() => requestAnimationFrame(() => void exportPdf()));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when asked for
  }, [auto]);

  const title = doc.dealTitle ?? 'Untitled deal';
  const latest = doc.versions[0];
  const facts: [string, string][] = [
    ['Customer', doc.accountName ?? '—'],
    ['Deal', title],
    [
      'Value',
      doc.valueMinor !== null && doc.currency ? formatMoney(doc.valueMinor, doc.currency) : '—',
    ],
    ['Won', formatDate(doc.deal.wonAt)],
    ['Renewal date', formatDate(doc.deal.renewalAt)],
    ['Stage now', doc.deal.stageName ?? '—'],
    ['Sales (author)', doc.authorName ?? '—'],
    ['Success owner', doc.successOwnerName ?? '—'],
  ];

  return (
    <div className={styles.screen}>
      <div className={styles.toolbar} role="toolbar" aria-label="Print view">
        <Link to={`/handovers/${doc.id}`} className={styles.back}>
          <ArrowLeft size={15} aria-hidden /> Back to the handover
        </Link>
        <span className={styles.toolbarHint}>
          {desktop ? 'An A4 PDF with page numbers' : 'Pick “Save as PDF” as the printer'}
        </span>
        <Button
          icon={<Download />}
          busy={busy === 'markdown'}
          onClick={async () => {
            setBusy('markdown');
            try {
              toast.success(`Downloaded ${await downloadMarkdown(doc.id)}`);
            } catch (error) {
              toast.error(`The export failed: ${(error as Error).message}`);
            } finally {
              setBusy(null);
            }
          }}
        >
          Download Markdown
        </Button>
        <Button
          variant="primary"
          icon={<FileDown />}
          busy={busy === 'pdf'}
          onClick={() => void exportPdf()}
        >
          {desktop ? 'Save as PDF' : 'Print or save as PDF'}
        </Button>
      </div>

      <article className={styles.paper} aria-label={`Handover: ${title}`}>
        <header className={styles.masthead}>
          <span className={styles.kind}>Sales-to-success handover</span>
          <span className={styles.team}>{info.data?.team?.name ?? ''}</span>
        </header>
        <h1 className={styles.customer}>{doc.accountName ?? title}</h1>
        {doc.accountName && <p className={styles.deal}>{title}</p>}
        <p className={styles.state} data-status={doc.status}>
          {stateLine(doc)}
        </p>

        <table className={styles.facts}>
          <caption className="visually-hidden">Deal facts</caption>
          <tbody>
            {pairs(facts).map((row) => (
              <tr key={row[0][0]}>
                {row.map(([label, value]) => (
                  <FactCells key={label} label={label} value={value} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>

        {doc.sections.map((section, index) => (
          <section
            key={section.sectionId}
            className={styles.section}
            aria-labelledby={`print-${section.sectionId}`}
          >
            <h2 id={`print-${section.sectionId}`}>
              <span className={styles.sectionNumber}>{index + 1}</span>
              {section.title}
            </h2>
            {section.body.trim() ? (
              <Markdown text={section.body} className={styles.body} />
            ) : (
              <p className={styles.notWritten}>Not filled in.</p>
            )}
          </section>
        ))}

        <footer className={styles.colophon}>
          <span>
            {latest
              ? `Version ${latest.number}, submitted by ${latest.submittedByName ?? 'the author'} on ${formatDate(latest.submittedAt)}`
              : 'Draft, not submitted'}
          </span>
          <span>Exported from Lifecycle Cockpit on {formatDateTime(printedAt)}</span>
        </footer>
      </article>
    </div>
  );
}

function FactCells({ label, value }: { label: string; value: string }) {
  return (
    <>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </>
  );
}

function pairs<T>(items: T[]): [T, ...T[]][] {
  const rows: [T, ...T[]][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push([items[i]!, ...items.slice(i + 1, i + 2)]);
  return rows;
}

/** The version and acceptance line under the title. */
function stateLine(doc: HandoverDocument): string {
  const version = doc.currentVersion > 0 ? `Version ${doc.currentVersion}` : 'Draft';
  switch (doc.status) {
    case 'accepted':
      return `${version} · Accepted by ${doc.decidedByName ?? 'the success owner'} on ${formatDate(doc.decidedAt)}`;
    case 'changes_requested':
      return `${version} · Changes requested by ${doc.decidedByName ?? 'the success owner'} on ${formatDate(doc.decidedAt)}`;
    case 'in_review':
      return `${version} · In review with ${doc.successOwnerName ?? 'the success owner'}`;
    case 'submitted':
      return `${version} · Submitted on ${formatDate(doc.submittedAt)}, waiting for review`;
    case 'draft':
      return doc.currentVersion > 0
        ? `Draft after version ${doc.currentVersion} · not submitted again yet`
        : 'Draft · not submitted yet';
  }
}
