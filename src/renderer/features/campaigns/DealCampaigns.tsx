import { Megaphone } from 'lucide-react';
import { Link } from 'react-router';
import { formatMoney } from '../../../shared/money';
import { useApiQuery } from '../../api';
import { Skeleton } from '../../components/Skeleton';
import { formatDate } from '../../lib/format';
import { useNow } from '../contacts/localTime';
import { describeTiming } from './audience';
import styles from './DealCampaigns.module.css';

/**
 * The campaigns running now for a deal's audience (its account's industry and region, its stage's
 * phase): what to offer, at what price, until when. Shown on the deal page so nobody quotes the
 * wrong offer.
 */
export function DealCampaigns({ dealId }: { dealId: string }) {
  const campaigns = useApiQuery('campaigns.forDeal', { dealId });
  const now = useNow();
  if (campaigns.isError && !campaigns.data) {
    return (
      <p className={styles.error} role="alert">
        The campaigns could not be loaded: {campaigns.error.message}
      </p>
    );
  }
  if (!campaigns.data) {
    return (
      <div className={styles.loading} aria-busy aria-label="Loading campaigns">
        <Skeleton width="70%" />
        <Skeleton width="45%" />
      </div>
    );
  }
  if (campaigns.data.length === 0) {
    return (
      <p className={styles.empty}>
        No campaign is running for this customer’s industry, region and stage.{' '}
        <Link to="/campaigns">See all campaigns</Link>
      </p>
    );
  }
  return (
    <ul className={styles.list} aria-label="Campaigns running for this deal">
      {campaigns.data.map((campaign) => (
        <li key={campaign.id} className={styles.item}>
          <span className={styles.icon} aria-hidden>
            <Megaphone size={14} />
          </span>
          <div className={styles.body}>
            <div className={styles.head}>
              <span className={styles.name}>{campaign.name}</span>
              {campaign.priceMinor != null && campaign.currency && (
                <span className={styles.price}>
                  {formatMoney(campaign.priceMinor, campaign.currency)}
                </span>
              )}
            </div>
            {campaign.offer && <p className={styles.offer}>{campaign.offer}</p>}
            <span
              className={styles.meta}
              title={campaign.endsAt ? `Until ${formatDate(campaign.endsAt)}` : undefined}
            >
              {describeTiming(campaign, now)}
              {campaign.audience && ` · ${campaign.audience}`}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
