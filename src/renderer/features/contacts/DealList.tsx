import { Link } from 'react-router';
import type { DealSummary } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { useStages } from '../../api';
import { StagePill } from '../../components/StagePill';
import { formatDateTime, formatRelative } from '../../lib/format';
import styles from './DealList.module.css';

/** The deals of a contact or an account: open ones first, each linking to the deal. */
export function DealList({ deals, empty }: { deals: readonly DealSummary[]; empty: string }) {
  const { byId } = useStages();
  if (deals.length === 0) return <p className={styles.empty}>{empty}</p>;
  return (
    <ul className={styles.list}>
      {deals.map((deal) => {
        const stage = byId.get(deal.stageId);
        return (
          <li key={deal.id} className={styles.row} data-status={deal.status}>
            <div className={styles.main}>
              <Link className={styles.title} to={`/deals/${deal.id}`}>
                {deal.title}
              </Link>
              <span className={styles.meta}>
                {deal.ownerName ?? 'Unassigned'} ·{' '}
                <span title={formatDateTime(deal.lastActivityAt)}>
                  active {formatRelative(deal.lastActivityAt)}
                </span>
              </span>
            </div>
            {stage && <StagePill name={stage.name} phase={stage.phaseId} />}
            <span className={styles.value}>{formatMoney(deal.valueMinor, deal.currency)}</span>
          </li>
        );
      })}
    </ul>
  );
}
