import { CircleAlert, Megaphone, Plus } from 'lucide-react';
import { useId, useState } from 'react';
import type { Campaign, CampaignStatus } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { useApiQuery, useAppInfo, useStages } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import {
  audienceChips,
  describeAudience,
  describeTiming,
  formatRange,
  STATUS_LABELS,
} from './audience';
import { useNow } from '../contacts/localTime';
import { CampaignSheet } from './CampaignSheet';
import styles from './CampaignsPage.module.css';
import { CAMPAIGN_COMMANDS } from './commands';

const SECTIONS: { status: CampaignStatus; title: string }[] = [
  { status: 'running', title: 'Running now' },
  { status: 'scheduled', title: 'Scheduled' },
  { status: 'ended', title: 'Ended' },
];

const SHOW_ENDED_KEY = 'cockpit.campaigns.showEnded';

/** Whether ended campaigns are listed: a preference of this device. */
function useShowEnded(): [boolean, (next: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(SHOW_ENDED_KEY) === 'true');
  const set = (next: boolean) => {
    localStorage.setItem(SHOW_ENDED_KEY, String(next));
    setOn(next);
  };
  return [on, set];
}

/** `#/campaigns`: the team's offers, what is running for whom, until when, at what price. */
export function CampaignsPage() {
  const [showEnded, setShowEnded] = useShowEnded();
  const campaigns = useApiQuery('campaigns.list', { includeEnded: true });
  const info = useAppInfo();
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const toggleId = useId();

  useShortcut(CAMPAIGN_COMMANDS.newCampaign, () => setEditing('new'));
  useShortcut(CAMPAIGN_COMMANDS.toggleEnded, () => setShowEnded(!showEnded));

  const all = campaigns.data ?? [];
  const running = all.filter((c) => c.status === 'running').length;
  const endedCount = all.filter((c) => c.status === 'ended').length;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <div className={styles.heading}>
            <h1 className={styles.title}>Campaigns</h1>
            {campaigns.data && (
              <span className={styles.count} aria-label={`${running} running`}>
                {running} running
              </span>
            )}
          </div>
          <p className={styles.lede}>
            What is on offer, for whom, until when and at what price — so sales and success quote
            the same thing.
          </p>
        </div>
        <div className={styles.headerActions}>
          <label className={styles.toggle} htmlFor={toggleId}>
            <input
              id={toggleId}
              type="checkbox"
              role="switch"
              checked={showEnded}
              onChange={(e) => setShowEnded(e.target.checked)}
            />
            Show ended{endedCount > 0 && ` (${endedCount})`}
          </label>
          <Button
            variant="primary"
            icon={<Plus />}
            shortcut={keyLabel(CAMPAIGN_COMMANDS.newCampaign.keys)}
            onClick={() => setEditing('new')}
          >
            New campaign
          </Button>
        </div>
      </header>

      {campaigns.isError && !campaigns.data ? (
        <EmptyState
          tone="danger"
          icon={<CircleAlert />}
          title="The campaigns could not be loaded"
          action={<Button onClick={() => void campaigns.refetch()}>Try again</Button>}
        >
          {campaigns.error.message}
        </EmptyState>
      ) : !campaigns.data ? (
        <div className={styles.section} aria-busy aria-label="Loading campaigns">
          {Array.from({ length: 3 }, (_, i) => (
            <div key={i} className={styles.row}>
              <Skeleton width="60%" height={16} />
              <Skeleton width="80%" />
              <Skeleton width={80} />
              <Skeleton width={120} />
            </div>
          ))}
        </div>
      ) : all.length === 0 ? (
        <div className={styles.section}>
          <EmptyState
            icon={<Megaphone />}
            title="No campaigns yet"
            action={
              <Button variant="primary" onClick={() => setEditing('new')}>
                Create a campaign
              </Button>
            }
          >
            A campaign is an offer for an audience — an industry, a region, a lifecycle phase — with
            a price and dates. Reps see the running ones on every matching deal.
          </EmptyState>
        </div>
      ) : (
        SECTIONS.filter((s) => s.status !== 'ended' || showEnded).map((section) => (
          <CampaignSection
            key={section.status}
            title={section.title}
            campaigns={all.filter((c) => c.status === section.status)}
            onEdit={setEditing}
          />
        ))
      )}

      {editing && (
        <CampaignSheet
          campaign={editing === 'new' ? undefined : editing}
          teamCurrency={info.data?.team?.defaultCurrency ?? 'EUR'}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function CampaignSection({
  title,
  campaigns,
  onEdit,
}: {
  title: string;
  campaigns: Campaign[];
  onEdit: (campaign: Campaign) => void;
}) {
  const headingId = useId();
  const { phases } = useStages();
  const now = useNow();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.sectionTitle}>
        {title} <span className={styles.sectionCount}>{campaigns.length}</span>
      </h2>
      {campaigns.length === 0 ? (
        <p className={styles.none}>Nothing {title.toLowerCase()}.</p>
      ) : (
        <ul className={styles.list}>
          {campaigns.map((campaign) => (
            <li key={campaign.id} className={styles.row} data-status={campaign.status}>
              <div className={styles.main}>
                <div className={styles.nameLine}>
                  <span className={styles.badge} data-status={campaign.status}>
                    {STATUS_LABELS[campaign.status]}
                  </span>
                  <button type="button" className={styles.name} onClick={() => onEdit(campaign)}>
                    {campaign.name}
                  </button>
                </div>
                <p className={styles.audience}>
                  {campaign.audience || describeAudience(campaign.filter, phases)}
                </p>
                <ul className={styles.chips} aria-label="Audience filter">
                  {audienceChips(campaign.filter, phases).map((chip) => (
                    <li
                      key={`${chip.kind}:${chip.label}`}
                      className={styles.chip}
                      data-kind={chip.kind}
                      data-phase={chip.phaseId}
                    >
                      {chip.label}
                    </li>
                  ))}
                  {audienceChips(campaign.filter, phases).length === 0 && (
                    <li className={styles.chip} data-kind="any">
                      Anyone
                    </li>
                  )}
                </ul>
              </div>
              <p className={campaign.offer ? styles.offer : `${styles.offer} ${styles.muted}`}>
                {campaign.offer ?? 'No offer text'}
              </p>
              <div className={styles.price}>
                {campaign.priceMinor != null && campaign.currency ? (
                  formatMoney(campaign.priceMinor, campaign.currency)
                ) : (
                  <span className={styles.muted}>No set price</span>
                )}
              </div>
              <div className={styles.dates}>
                <span>{formatRange(campaign.startsAt, campaign.endsAt)}</span>
                <span className={styles.timing}>{describeTiming(campaign, now)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
