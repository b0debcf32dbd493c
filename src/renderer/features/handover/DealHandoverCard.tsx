import { ArrowRight, FileCheck2, TriangleAlert } from 'lucide-react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api';
import { formatRelative } from '../../lib/format';
import { listWords } from './handoverText';
import { StatusPill } from './StatusPill';
import styles from './DealHandoverCard.module.css';

/** On a won deal's page: its handover, where it stands, and the way to it. */
export function DealHandoverCard({ dealId, className }: { dealId: string; className?: string }) {
  const found = useApiQuery('handover.forDeal', { dealId });
  const id = found.data?.id ?? null;
  const doc = useApiQuery('handover.get', { id: id ?? '' }, { enabled: id !== null });
  if (!id) return null;
  const data = doc.data?.id === id ? doc.data : undefined;
  return (
    <section
      className={[className, styles.card].filter(Boolean).join(' ')}
      aria-labelledby="deal-handover"
    >
      <h2 id="deal-handover">Handover</h2>
      <div className={styles.row}>
        <FileCheck2 size={18} aria-hidden className={styles.icon} />
        <div className={styles.text}>
          {data ? (
            <>
              <div className={styles.line}>
                <StatusPill status={data.status} />
                <span className={styles.muted}>
                  {data.successOwnerName ? `to ${data.successOwnerName}` : 'no success owner yet'}
                  {' · '}
                  {formatRelative(data.updatedAt)}
                </span>
              </div>
              {data.missingRequired.length > 0 && (
                <div className={styles.missing}>
                  <TriangleAlert size={12} aria-hidden />
                  Still missing: {listWords(data.missingRequired)}
                </div>
              )}
            </>
          ) : (
            <span className={styles.muted}>Loading…</span>
          )}
        </div>
      </div>
      <Link to={`/handovers/${id}`} className={styles.open}>
        Open the handover
        <ArrowRight size={14} aria-hidden />
      </Link>
    </section>
  );
}
