import {
  Briefcase,
  CircleAlert,
  Clock,
  Mail,
  MessageCircle,
  Phone,
  ShieldCheck,
  ShieldOff,
  ShieldQuestion,
  Smartphone,
} from 'lucide-react';
import { useEffect, useId, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { ContactDetail } from '../../../shared/contract';
import type { PreferredChannel } from '../../../shared/domain';
import { api, useApiQuery } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { NoteComposer } from '../../components/NoteComposer';
import { Skeleton } from '../../components/Skeleton';
import { Timeline } from '../../components/Timeline';
import { formatDate } from '../../lib/format';
import { CallButton } from '../calls/CallButton';
import { CallHistory } from '../calls/CallHistory';
import { CONTACT_COMMANDS } from './commands';
import { ContactFields, useContactForm } from './ContactFields';
import { CHANNELS, toPatch, valuesFromContact } from './contactForm';
import { DealList } from './DealList';
import styles from './detail.module.css';
import { describeOffset, formatLocalTime, isTimeZone, isWorkingHours, useNow } from './localTime';

/** `#/contacts/:contactId`: who they are, how to reach them, their deals and history. */
export function ContactPage() {
  const { contactId = '' } = useParams();
  const contact = useApiQuery('contacts.get', { id: contactId });

  if (contact.isError && !contact.data) {
    return (
      <div className={styles.page}>
        <Breadcrumb current="Not found" />
        <EmptyState tone="danger" icon={<CircleAlert />} title="This contact cannot be opened">
          {contact.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!contact.data || contact.data.id !== contactId) {
    return (
      <div className={styles.page} aria-busy>
        <Breadcrumb current="Loading…" />
        <div className={styles.hero}>
          <Skeleton width={56} height={56} />
          <div className={styles.heroText}>
            <Skeleton width={240} height={24} />
            <Skeleton width={180} />
          </div>
        </div>
        <Skeleton height={220} />
      </div>
    );
  }
  // Keyed by contact: edits in progress never carry over to the next person opened.
  return <ContactView key={contact.data.id} contact={contact.data} />;
}

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className={styles.crumbs}>
      <Link to="/contacts">Contacts</Link>
      <span aria-hidden>/</span>
      <span aria-current="page">{current}</span>
    </nav>
  );
}

const CHANNEL_ICONS: Record<PreferredChannel, ReactNode> = {
  call: <Phone size={14} />,
  email: <Mail size={14} />,
  sms: <Smartphone size={14} />,
  chat: <MessageCircle size={14} />,
};
const channelLabel = new Map(CHANNELS.map((c) => [c.value, c.label.toLowerCase()]));

function ContactView({ contact }: { contact: ContactDetail }) {
  const now = useNow();
  const dealsId = useId();
  const activityId = useId();
  const name = contact.name || 'Unnamed contact';
  const zone = contact.timeZone && isTimeZone(contact.timeZone) ? contact.timeZone : null;
  const callSubject = { contactId: contact.id, name, phone: contact.phone };

  return (
    <div className={styles.page}>
      <Breadcrumb current={name} />
      <header className={styles.hero}>
        <Avatar name={name} size={56} />
        <div className={styles.heroText}>
          <h1 className={styles.title}>{name}</h1>
          <p className={styles.subtitle}>
            {contact.title ?? 'No role yet'}
            {contact.accountId && (
              <>
                {' at '}
                <Link to={`/accounts/${contact.accountId}`}>
                  {contact.accountName ?? 'account'}
                </Link>
              </>
            )}
          </p>
          <ul className={styles.facts} aria-label="At a glance">
            {zone && (
              <li
                className={styles.fact}
                data-tone={isWorkingHours(zone, now) ? undefined : 'warning'}
                title={zone}
              >
                <Clock size={14} aria-hidden />
                <span>
                  <strong>{formatLocalTime(zone, now)}</strong> local time ·{' '}
                  {describeOffset(zone, now)}
                  {!isWorkingHours(zone, now) && ' · outside working hours'}
                </span>
              </li>
            )}
            {contact.preferredChannel && (
              <li className={styles.fact}>
                {CHANNEL_ICONS[contact.preferredChannel]}
                <span>Prefers {channelLabel.get(contact.preferredChannel)}</span>
              </li>
            )}
            <li
              className={styles.fact}
              data-tone={contact.consent === 'withdrawn' ? 'danger' : undefined}
            >
              {contact.consent === 'granted' ? (
                <ShieldCheck size={14} aria-hidden />
              ) : contact.consent === 'withdrawn' ? (
                <ShieldOff size={14} aria-hidden />
              ) : (
                <ShieldQuestion size={14} aria-hidden />
              )}
              <span>
                {contact.consent === 'granted'
                  ? 'Consent granted'
                  : contact.consent === 'withdrawn'
                    ? 'Consent withdrawn'
                    : 'Consent not asked yet'}
                {contact.consentAt != null && ` · ${formatDate(contact.consentAt)}`}
              </span>
            </li>
          </ul>
        </div>
        <div className={styles.heroActions}>
          {contact.email && (
            <a className={styles.action} href={`mailto:${contact.email}`}>
              <Mail size={15} aria-hidden />
              Email
            </a>
          )}
          <CallButton subject={callSubject} />
        </div>
      </header>

      <div className={styles.columns}>
        <div className={styles.main}>
          <section className={styles.card} aria-labelledby={dealsId}>
            <h2 id={dealsId} className={styles.cardTitle}>
              <Briefcase size={15} aria-hidden />
              Deals
              <span className={styles.cardCount}>{contact.deals.length}</span>
            </h2>
            <DealList
              deals={contact.deals}
              empty={`${name} is not on any deal yet. Pick them as the contact of a deal.`}
            />
          </section>
          <CallHistory subject={callSubject} cardClassName={styles.card} />
          <section className={styles.card} aria-labelledby={activityId}>
            <h2 id={activityId} className={styles.cardTitle}>
              Engagement history
            </h2>
            <NoteComposer
              target={{ contactId: contact.id }}
              placeholder={`A note about ${name}…`}
            />
            <div className={styles.timeline}>
              <Timeline
                items={contact.timeline}
                showDeal
                emptyHint="Calls, notes and the moves of their deals appear here."
              />
            </div>
          </section>
        </div>
        <aside className={styles.aside}>
          <ContactDetails contact={contact} />
        </aside>
      </div>
    </div>
  );
}

function ContactDetails({ contact }: { contact: ContactDetail }) {
  const headingId = useId();
  const formId = useId();
  const form = useContactForm(valuesFromContact(contact), async (values, accountId) => {
    const patch = toPatch(contact, values, accountId);
    if (Object.keys(patch).length === 0) return null;
    await api.contacts.update({ id: contact.id, patch });
    return 'Contact saved';
  });
  const { dirty, reset, baseline } = form;

  // Follow changes made elsewhere (another window, a sync) unless the person is mid-edit.
  const latest = valuesFromContact(contact);
  const latestKey = JSON.stringify(latest);
  useEffect(() => {
    if (!dirty && latestKey !== JSON.stringify(baseline)) reset(JSON.parse(latestKey));
  }, [latestKey, dirty, baseline, reset]);

  const save = async () => {
    const saved = form.values;
    if (await form.submit()) reset(saved);
  };
  useShortcut(CONTACT_COMMANDS.save, () => void save(), { whileTyping: true, enabled: dirty });

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.cardTitle}>
        Details
      </h2>
      <form
        id={formId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ContactFields form={form} />
        <div className={styles.formFooter}>
          {dirty && (
            <Button variant="ghost" onClick={() => reset(latest)}>
              Discard
            </Button>
          )}
          <Button
            type="submit"
            variant="primary"
            busy={form.saving}
            disabled={!dirty}
            shortcut={dirty ? keyLabel(CONTACT_COMMANDS.save.keys) : undefined}
          >
            Save changes
          </Button>
        </div>
      </form>
    </section>
  );
}
