import {
  Check,
  GitCompareArrows,
  MessageSquare,
  MessageSquarePlus,
  TriangleAlert,
} from 'lucide-react';
import { useState } from 'react';
import type { HandoverComment, HandoverDocument } from '../../../shared/contract';
import { formatDateTime } from '../../lib/format';
import { CommentThread } from './CommentThread';
import type { Comparison } from './DiffView';
import styles from './HandoverPage.module.css';

const DECISION_TEXT = { accepted: 'Accepted', changes_requested: 'Changes requested' } as const;

/** Beside the document: its contents, its versions (to compare) and comments on the whole. */
export function HandoverRail({
  doc,
  documentComments,
  comparison,
  onCompare,
  onJump,
}: {
  doc: HandoverDocument;
  documentComments: HandoverComment[];
  comparison: Comparison | null;
  onCompare: (comparison: Comparison) => void;
  onJump: (sectionId: string) => void;
}) {
  const [composing, setComposing] = useState(false);
  const openBySection = new Map<string, number>();
  for (const c of doc.comments) {
    if (c.resolvedAt === null && c.sectionId) {
      openBySection.set(c.sectionId, (openBySection.get(c.sectionId) ?? 0) + 1);
    }
  }
  const editedSince =
    doc.can.edit &&
    doc.currentVersion > 0 &&
    doc.versions[0] !== undefined &&
    doc.sections.some((s) => s.updatedAt > doc.versions[0]!.submittedAt);

  return (
    <aside className={styles.rail} aria-label="About this handover">
      <nav className={styles.railCard} aria-labelledby="handover-contents">
        <h2 id="handover-contents" className={styles.railTitle}>
          Contents
        </h2>
        <ol className={styles.contents}>
          {doc.sections.map((section, index) => {
            const open = openBySection.get(section.sectionId) ?? 0;
            return (
              <li key={section.sectionId}>
                <button
                  type="button"
                  className={styles.contentsItem}
                  data-state={
                    section.missing ? 'missing' : section.body.trim() ? 'written' : 'empty'
                  }
                  onClick={() => onJump(section.sectionId)}
                >
                  <span className={styles.contentsMark} aria-hidden>
                    {section.missing ? (
                      <TriangleAlert size={12} />
                    ) : section.body.trim() ? (
                      <Check size={12} />
                    ) : (
                      index + 1
                    )}
                  </span>
                  <span className={styles.contentsTitle}>
                    {section.title}
                    {section.missing && <span className="visually-hidden"> (missing)</span>}
                  </span>
                  {open > 0 && (
                    <span className={styles.contentsComments} title={`${open} open comments`}>
                      <MessageSquare size={11} aria-hidden />
                      {open}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <section className={styles.railCard} aria-labelledby="handover-versions">
        <h2 id="handover-versions" className={styles.railTitle}>
          Versions
        </h2>
        {doc.versions.length === 0 ? (
          <p className={styles.railEmpty}>
            Each submission is kept as a version, so changes can be compared.
          </p>
        ) : (
          <ol className={styles.versions}>
            {editedSince && (
              <li className={styles.version} data-current>
                <div className={styles.versionHead}>
                  <strong>Now</strong>
                  <span className={styles.versionDecision}>Not submitted</span>
                </div>
                <button
                  type="button"
                  className={styles.compare}
                  aria-pressed={comparison?.from === doc.currentVersion && comparison.to === null}
                  onClick={() => onCompare({ from: doc.currentVersion, to: null })}
                >
                  <GitCompareArrows size={13} aria-hidden />
                  Compare with version {doc.currentVersion}
                </button>
              </li>
            )}
            {doc.versions.map((version) => (
              <li key={version.number} className={styles.version}>
                <div className={styles.versionHead}>
                  <strong>Version {version.number}</strong>
                  {version.decision ? (
                    <span className={styles.versionDecision} data-decision={version.decision}>
                      {DECISION_TEXT[version.decision]}
                    </span>
                  ) : (
                    <span className={styles.versionDecision}>Waiting</span>
                  )}
                </div>
                <div className={styles.versionMeta}>
                  {version.submittedByName ?? 'Someone'} · {formatDateTime(version.submittedAt)}
                </div>
                {version.number > 1 && (
                  <button
                    type="button"
                    className={styles.compare}
                    aria-pressed={
                      comparison?.from === version.number - 1 && comparison.to === version.number
                    }
                    aria-label={`Compare version ${version.number} with version ${version.number - 1}`}
                    onClick={() => onCompare({ from: version.number - 1, to: version.number })}
                  >
                    <GitCompareArrows size={13} aria-hidden />
                    Compare with version {version.number - 1}
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className={styles.railCard} aria-labelledby="handover-general">
        <div className={styles.railHeader}>
          <h2 id="handover-general" className={styles.railTitle}>
            On the whole handover
          </h2>
          {doc.can.comment && !composing && (
            <button
              type="button"
              className={styles.railAction}
              onClick={() => setComposing(true)}
              aria-label="Comment on the whole handover"
            >
              <MessageSquarePlus size={14} aria-hidden />
              Comment
            </button>
          )}
        </div>
        {documentComments.length === 0 && !composing ? (
          <p className={styles.railEmpty}>No general comments.</p>
        ) : (
          <CommentThread
            handoverId={doc.id}
            sectionId={null}
            about="the whole handover"
            comments={documentComments}
            canComment={doc.can.comment}
            composing={composing}
            onComposingChange={setComposing}
            variant="document"
          />
        )}
      </section>
    </aside>
  );
}
