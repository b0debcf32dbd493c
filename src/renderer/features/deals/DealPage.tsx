import { ArrowLeft, Building2, CircleAlert, Flame, Mail, Phone, UserRound } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isRotting, type DealDetail, type Stage } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { api, useApiQuery, useStages } from '../../api';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { NoteComposer } from '../../components/NoteComposer';
import { Skeleton } from '../../components/Skeleton';
import { StagePill } from '../../components/StagePill';
import { Timeline } from '../../components/Timeline';
import { useToast } from '../../components/Toast';
import { formatDate, formatRelative } from '../../lib/format';
import { useShortcut } from '../../app/shortcuts';
import { ReasonDialog } from '../board/ReasonDialog';
import { CallButton } from '../calls/CallButton';
import { CallHistory } from '../calls/CallHistory';
import { phoneHref } from '../calls/phoneLink';
import { usePhoneScheme } from '../calls/usePhoneScheme';
import { DealCampaigns } from '../campaigns/DealCampaigns';
import { DealHandoverCard } from '../handover/DealHandoverCard';
import { DEAL_COMMANDS } from './commands';
import { DealForm } from './DealForm';
import { toPatch, valuesFromDeal } from './dealForm';
import styles from './DealPage.module.css';

/** One deal, whole: every field, its place in the lifecycle, its people, its history. */
export function DealPage() {
  const { dealId = '' } = useParams();
  const deal = useApiQuery('deals.get', { id: dealId });
  const navigate = useNavigate();

  if (deal.isError && !deal.data) {
    return (
      <div className={styles.page}>
        <EmptyState tone="danger" icon={<CircleAlert />} title="This deal cannot be opened">
          {deal.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!deal.data || deal.data.id !== dealId) {
    return (
      <div className={styles.page} aria-busy>
        <Skeleton height={28} width="40%" />
        <Skeleton height={200} />
      </div>
    );
  }
  return (
    <DealView
      key={deal.data.id}
      deal={deal.data}
      onBack={() => (history.length > 1 ? navigate(-1) : navigate('/board'))}
    />
  );
}

function DealView({ deal, onBack }: { deal: DealDetail; onBack: () => void }) {
  const { stages, byId, phases } = useStages();
  const timeline = useApiQuery('deals.timeline', { id: deal.id });
  const toast = useToast();
  const [closing, setClosing] = useState<Stage | null>(null);
  const stage = byId.get(deal.stageId);
  const phase = phases.find((p) => p.id === stage?.phaseId);
  const [openedAt] = useState(() => Date.now());
  const rotting = isRotting(deal, stage, openedAt);
  const contact = useApiQuery(
    'contacts.get',
    { id: deal.contactId ?? '' },
    { enabled: Boolean(deal.contactId) },
  );
  const callSubject = {
    dealId: deal.id,
    contactId: deal.contactId ?? undefined,
    name: deal.contactName ?? deal.title,
    dealTitle: deal.title,
    phone: deal.contactId ? (contact.data?.phone ?? null) : null,
  };
  useShortcut(DEAL_COMMANDS.note, () =>
    document.querySelector<HTMLTextAreaElement>('#deal-activity-card textarea')?.focus(),
  );

  const moveTo = async (target: Stage, reason?: string) => {
    if (target.id === deal.stageId) return;
    if (target.kind !== 'open' && !reason) {
      setClosing(target);
      return;
    }
    try {
      await api.deals.move({ id: deal.id, stageId: target.id, reason });
      toast.success(`Moved to ${target.name}`);
    } catch (error) {
      toast.error((error as Error).message.replace(/^[\w.]+: [\w.]+: /, ''));
    }
  };

  return (
    <div className={styles.page}>
      <button type="button" className={styles.back} onClick={onBack}>
        <ArrowLeft size={15} aria-hidden /> Back
      </button>
      <header className={styles.header}>
        <div className={styles.headline}>
          <h1>{deal.title}</h1>
          <div className={styles.facts}>
            {stage && <StagePill name={stage.name} phase={stage.phaseId} />}
            {phase && (
              <span className={styles.muted}>
                {phase.name} · {phase.owner}
              </span>
            )}
            {deal.status !== 'open' && (
              <span className={styles.status} data-status={deal.status}>
                {deal.status === 'won' ? 'Won' : 'Lost'}
                {deal.closeReason && ` — ${deal.closeReason}`}
              </span>
            )}
            {rotting && (
              <span className={styles.rotting}>
                <Flame size={12} aria-hidden /> No activity since {formatDate(deal.lastActivityAt)}
              </span>
            )}
          </div>
        </div>
        <div className={styles.callAction}>
          <CallButton subject={callSubject} />
        </div>
        <div className={styles.value}>
          <span className={styles.amount}>{formatMoney(deal.valueMinor, deal.currency)}</span>
          {stage && (
            <span className={styles.muted}>
              {formatMoney(Math.round((deal.valueMinor * stage.probability) / 100), deal.currency)}{' '}
              weighted ({stage.probability}%)
            </span>
          )}
        </div>
      </header>

      <nav className={styles.path} aria-label="Move to stage">
        {stages.map((s) => (
          <button
            key={s.id}
            type="button"
            className={styles.step}
            data-phase={s.phaseId}
            data-kind={s.kind}
            aria-current={s.id === deal.stageId ? 'step' : undefined}
            onClick={() => void moveTo(s)}
            title={
              s.id === deal.stageId
                ? `In ${s.name} since ${formatDate(deal.stageEnteredAt)}`
                : `Move to ${s.name}`
            }
          >
            {s.name}
          </button>
        ))}
      </nav>

      <div className={styles.columns}>
        <div className={styles.main}>
          <section className={styles.card} aria-labelledby="deal-details">
            <h2 id="deal-details">Details</h2>
            <DealForm
              initial={valuesFromDeal(deal)}
              submitLabel="Save changes"
              save={async (values, accountId) => {
                const patch = toPatch(deal, values, accountId);
                if (Object.keys(patch).length === 0) return 'Nothing to save';
                await api.deals.update({ id: deal.id, patch });
                return 'Deal saved';
              }}
            />
            <p className={styles.meta}>
              Created {formatRelative(deal.createdAt)} · in {stage?.name ?? 'this stage'} since{' '}
              {formatDate(deal.stageEnteredAt)} · last activity{' '}
              {formatRelative(deal.lastActivityAt)}
              {deal.source && ` · source: ${deal.source}`}
            </p>
          </section>
          <section className={styles.card} aria-labelledby="deal-campaigns">
            <h2 id="deal-campaigns">Campaigns for this customer</h2>
            <DealCampaigns dealId={deal.id} />
          </section>
        </div>
        <aside className={styles.side}>
          <DealHandoverCard dealId={deal.id} className={styles.card} />
          <PeopleCard deal={deal} />
          <CallHistory subject={callSubject} cardClassName={styles.card} />
          <section
            id="deal-activity-card"
            className={`${styles.card} ${styles.activity}`}
            aria-labelledby="deal-activity"
          >
            <h2 id="deal-activity">Activity</h2>
            <NoteComposer target={{ dealId: deal.id }} />
            {timeline.data ? (
              <Timeline items={timeline.data} />
            ) : timeline.isError ? (
              <p role="alert">{timeline.error.message}</p>
            ) : (
              <Skeleton height={120} />
            )}
          </section>
        </aside>
      </div>
      {closing && (
        <ReasonDialog
          dealTitle={deal.title}
          stage={closing}
          onCancel={() => setClosing(null)}
          onConfirm={(reason) => {
            setClosing(null);
            void moveTo(closing, reason);
          }}
        />
      )}
    </div>
  );
}

/** Who the deal is with: the contact (with their local time) and the account. */
function PeopleCard({ deal }: { deal: DealDetail }) {
  const contact = useApiQuery(
    'contacts.get',
    { id: deal.contactId ?? '' },
    { enabled: Boolean(deal.contactId) },
  );
  const account = useApiQuery(
    'accounts.get',
    { id: deal.accountId ?? '' },
    { enabled: Boolean(deal.accountId) },
  );
  const scheme = usePhoneScheme();
  const c = deal.contactId ? contact.data : undefined;
  const a = deal.accountId ? account.data : undefined;
  const localTime = c?.timeZone
    ? new Intl.DateTimeFormat(undefined, {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: c.timeZone,
      }).format(new Date())
    : null;
  return (
    <section className={styles.card} aria-labelledby="deal-people">
      <h2 id="deal-people">People</h2>
      <div className={styles.person}>
        <UserRound size={16} aria-hidden className={styles.icon} />
        {c ? (
          <div>
            <Link to={`/contacts/${c.id}`} className={styles.link}>
              {c.name}
            </Link>
            <div className={styles.muted}>
              {[c.title, localTime && `${localTime} local time`].filter(Boolean).join(' · ')}
            </div>
            <div className={styles.reach}>
              {c.email && (
                <a href={`mailto:${c.email}`}>
                  <Mail size={13} aria-hidden /> {c.email}
                </a>
              )}
              {c.phone && (
                <a href={phoneHref(c.phone, scheme)}>
                  <Phone size={13} aria-hidden /> {c.phone}
                </a>
              )}
            </div>
          </div>
        ) : (
          <span className={styles.muted}>{deal.contactName ?? 'No contact yet'}</span>
        )}
      </div>
      <div className={styles.person}>
        <Building2 size={16} aria-hidden className={styles.icon} />
        {a ? (
          <div>
            <Link to={`/accounts/${a.id}`} className={styles.link}>
              {a.name}
            </Link>
            <div className={styles.muted}>
              {[
                a.industry,
                a.employees != null && `${a.employees.toLocaleString()} people`,
                a.region,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
            {a.health && (
              <span className={styles.health} data-health={a.health}>
                {a.health === 'at_risk'
                  ? 'At risk'
                  : a.health === 'healthy'
                    ? 'Healthy'
                    : 'Neutral'}
              </span>
            )}
          </div>
        ) : (
          <span className={styles.muted}>{deal.accountName ?? 'No account'}</span>
        )}
      </div>
      {deal.ownerName && (
        <div className={styles.person}>
          <Avatar name={deal.ownerName} size={20} />
          <span>
            Owned by <strong>{deal.ownerName}</strong>
          </span>
        </div>
      )}
    </section>
  );
}
