import { Briefcase, CircleAlert, Globe, History, MapPin, UserPlus, UsersRound } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AccountDetail } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { api, useApiQuery } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { NoteComposer } from '../../components/NoteComposer';
import { Skeleton } from '../../components/Skeleton';
import { Timeline } from '../../components/Timeline';
import { formatDate } from '../../lib/format';
import { DealList } from '../contacts/DealList';
import styles from '../contacts/detail.module.css';
import { useNow } from '../contacts/localTime';
import { NewContactSheet } from '../contacts/NewContactSheet';
import { AccountFields, useAccountForm } from './AccountFields';
import { toPatch, valuesFromAccount } from './accountForm';
import page from './AccountPage.module.css';
import { ACCOUNT_COMMANDS } from './commands';
import { HealthBadge } from './HealthBadge';
import { renewalText, renewalTone } from './renewal';
import { SatisfactionCard } from './SatisfactionCard';
import { formatNps, scoreTone } from './satisfaction';

const number = new Intl.NumberFormat();

/** `#/accounts/:accountId`: firmographics, value, health, satisfaction, people, deals, history. */
export function AccountPage() {
  const { accountId = '' } = useParams();
  const account = useApiQuery('accounts.get', { id: accountId });

  if (account.isError && !account.data) {
    return (
      <div className={styles.page}>
        <Breadcrumb current="Not found" />
        <EmptyState tone="danger" icon={<CircleAlert />} title="This account cannot be opened">
          {account.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!account.data || account.data.id !== accountId) {
    return (
      <div className={styles.page} aria-busy>
        <Breadcrumb current="Loading…" />
        <div className={styles.hero}>
          <Skeleton width={56} height={56} />
          <div className={styles.heroText}>
            <Skeleton width={260} height={24} />
            <Skeleton width={200} />
          </div>
        </div>
        <Skeleton height={80} />
        <Skeleton height={240} />
      </div>
    );
  }
  // Keyed by account: edits in progress never carry over to the next account opened.
  return <AccountView key={account.data.id} account={account.data} />;
}

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className={styles.crumbs}>
      <Link to="/accounts">Accounts</Link>
      <span aria-hidden>/</span>
      <span aria-current="page">{current}</span>
    </nav>
  );
}

function AccountView({ account }: { account: AccountDetail }) {
  const navigate = useNavigate();
  const [addingContact, setAddingContact] = useState(false);
  const timeline = useApiQuery('accounts.timeline', { id: account.id });
  const dealsId = useId();
  const activityId = useId();
  const contactsId = useId();
  const now = useNow();
  const place = [account.city, account.country].filter(Boolean).join(', ');
  const { nps, csat, responses } = account.satisfaction;
  const yearAgo = now - 365 * 86_400_000;
  const npsCount = responses.filter((r) => r.kind === 'nps' && r.answeredAt >= yearAgo).length;
  const csatCount = responses.filter((r) => r.kind === 'csat' && r.answeredAt >= yearAgo).length;

  return (
    <div className={styles.page}>
      <Breadcrumb current={account.name} />
      <header className={styles.hero}>
        <Avatar name={account.name} size={56} />
        <div className={styles.heroText}>
          <div className={styles.titleRow}>
            <h1 className={styles.title}>{account.name}</h1>
            <HealthBadge health={account.health} />
          </div>
          <ul className={styles.facts} aria-label="Firmographics">
            {account.domain && (
              <li className={styles.fact}>
                <Globe size={14} aria-hidden />
                <a href={`https://${account.domain}`} target="_blank" rel="noreferrer noopener">
                  {account.domain}
                </a>
              </li>
            )}
            {account.industry && <li className={styles.fact}>{account.industry}</li>}
            {(account.region || place) && (
              <li className={styles.fact}>
                <MapPin size={14} aria-hidden />
                {[account.region, place].filter(Boolean).join(' · ')}
              </li>
            )}
            {account.employees != null && (
              <li className={styles.fact}>
                <UsersRound size={14} aria-hidden />
                {number.format(account.employees)} employees
              </li>
            )}
          </ul>
        </div>
      </header>

      <dl className={page.kpis}>
        <div className={page.kpi}>
          <dt>Lifetime value</dt>
          <dd className={page.value}>
            {formatMoney(account.lifetimeValueMinor, account.currency)}
          </dd>
          <dd className={page.note}>
            {account.openDeals} open deal{account.openDeals === 1 ? '' : 's'}
          </dd>
        </div>
        <div className={page.kpi}>
          <dt>Renewal</dt>
          <dd className={page.value}>{formatDate(account.renewalAt)}</dd>
          <dd
            className={page.note}
            data-tone={account.renewalAt == null ? undefined : renewalTone(account.renewalAt, now)}
          >
            {account.renewalAt == null ? 'No date set' : renewalText(account.renewalAt, now)}
          </dd>
        </div>
        <div className={page.kpi}>
          <dt>NPS</dt>
          <dd className={page.value} data-tone={nps == null ? undefined : scoreTone('nps', nps)}>
            {nps == null ? '—' : formatNps(nps)}
          </dd>
          <dd className={page.note}>
            {npsCount === 0 ? 'No answers in 12 months' : `${npsCount} answers, last 12 months`}
          </dd>
        </div>
        <div className={page.kpi}>
          <dt>CSAT</dt>
          <dd className={page.value} data-tone={csat == null ? undefined : scoreTone('csat', csat)}>
            {csat == null ? '—' : `${csat.toFixed(1)} / 5`}
          </dd>
          <dd className={page.note}>
            {csatCount === 0 ? 'No answers in 12 months' : `${csatCount} answers, last 12 months`}
          </dd>
        </div>
      </dl>

      <div className={styles.columns}>
        <div className={styles.main}>
          <SatisfactionCard account={account} />
          <section className={styles.card} aria-labelledby={dealsId}>
            <h2 id={dealsId} className={styles.cardTitle}>
              <Briefcase size={15} aria-hidden />
              Deals
              <span className={styles.cardCount}>{account.deals.length}</span>
            </h2>
            <DealList
              deals={account.deals}
              empty="No deals with this account yet. Create one from the board or the deals table."
            />
          </section>
          <section className={styles.card} aria-labelledby={activityId}>
            <h2 id={activityId} className={styles.cardTitle}>
              <History size={15} aria-hidden />
              Activity
            </h2>
            <NoteComposer
              target={{ accountId: account.id }}
              placeholder={`A note about ${account.name}…`}
            />
            <div className={styles.timeline}>
              <Timeline
                items={timeline.data}
                error={timeline.error}
                showDeal
                emptyHint="Stage moves, calls and notes on this account’s deals and people appear here."
              />
            </div>
          </section>
        </div>
        <aside className={styles.aside}>
          <section className={styles.card} aria-labelledby={contactsId}>
            <div className={styles.cardHeader}>
              <h2 id={contactsId} className={styles.cardTitle}>
                <UsersRound size={15} aria-hidden />
                Contacts
                <span className={styles.cardCount}>{account.contacts.length}</span>
              </h2>
              <Button size="sm" icon={<UserPlus />} onClick={() => setAddingContact(true)}>
                Add contact
              </Button>
            </div>
            {account.contacts.length === 0 ? (
              <p className={styles.muted}>Nobody here yet: add the people you talk to.</p>
            ) : (
              <ul className={page.people}>
                {account.contacts.map((contact) => (
                  <li key={contact.id} className={page.person}>
                    <Avatar name={contact.name || '?'} size={30} />
                    <div className={page.personText}>
                      <Link to={`/contacts/${contact.id}`}>
                        {contact.name || 'Unnamed contact'}
                      </Link>
                      <span>{contact.title ?? contact.email ?? ' '}</span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <AccountDetails account={account} />
        </aside>
      </div>
      {addingContact && (
        <NewContactSheet
          defaults={{ accountId: account.id, accountName: account.name }}
          onClose={() => setAddingContact(false)}
          onCreated={(contact) => navigate(`/contacts/${contact.id}`)}
        />
      )}
    </div>
  );
}

function AccountDetails({ account }: { account: AccountDetail }) {
  const headingId = useId();
  const form = useAccountForm(valuesFromAccount(account), async (values) => {
    const patch = toPatch(account, values);
    if (Object.keys(patch).length === 0) return null;
    await api.accounts.update({ id: account.id, patch });
    return 'Account saved';
  });
  const { dirty, reset, baseline } = form;

  // Follow changes made elsewhere (another window, a sync) unless the person is mid-edit.
  const latestKey = JSON.stringify(valuesFromAccount(account));
  useEffect(() => {
    if (!dirty && latestKey !== JSON.stringify(baseline)) reset(JSON.parse(latestKey));
  }, [latestKey, dirty, baseline, reset]);

  const save = async () => {
    const saved = form.values;
    if (await form.submit()) reset(saved);
  };
  useShortcut(ACCOUNT_COMMANDS.save, () => void save(), { whileTyping: true, enabled: dirty });

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.cardTitle}>
        Details
      </h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <AccountFields form={form} />
        <div className={styles.formFooter}>
          {dirty && (
            <Button variant="ghost" onClick={() => reset(JSON.parse(latestKey))}>
              Discard
            </Button>
          )}
          <Button
            type="submit"
            variant="primary"
            busy={form.saving}
            disabled={!dirty}
            shortcut={dirty ? keyLabel(ACCOUNT_COMMANDS.save.keys) : undefined}
          >
            Save changes
          </Button>
        </div>
      </form>
    </section>
  );
}
