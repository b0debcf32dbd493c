import { Phone, PhoneCall } from 'lucide-react';
import { useRef, useState } from 'react';
import { api } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import buttonStyles from '../../components/Button.module.css';
import { useToast } from '../../components/Toast';
import { callStore, useActiveCall, type CallSubject } from './callStore';
import { CALL_COMMANDS } from './commands';
import { phoneHref } from './phoneLink';
import { usePhoneScheme } from './usePhoneScheme';

/**
 * Starts a call: dials the number through the phone link (a real anchor, so the system's dialer
 * or softphone opens it), records the call as started, and docks the call panel.
 */
export function CallButton({ subject }: { subject: CallSubject }) {
  const ref = useRef<HTMLAnchorElement & HTMLButtonElement>(null);
  const toast = useToast();
  const activeCall = useActiveCall();
  const scheme = usePhoneScheme();
  const [starting, setStarting] = useState(false);
  const busy = starting || activeCall !== null;

  const start = async () => {
    if (busy) return;
    setStarting(true);
    try {
      const call = await api.calls.start({
        dealId: subject.dealId,
        contactId: subject.contactId,
        phone: subject.phone ?? undefined,
        direction: 'outbound',
      });
      callStore.set({ call, subject });
    } catch (error) {
      toast.error(`The call could not be started: ${(error as Error).message}`);
    } finally {
      setStarting(false);
    }
  };

  // The shortcut clicks the control itself: the same anchor click a mouse would make.
  useShortcut(CALL_COMMANDS.start, () => ref.current?.click(), { enabled: !busy });

  const className = [buttonStyles.button, buttonStyles.primary, buttonStyles.md].join(' ');
  const label = activeCall ? 'On a call' : subject.phone ? `Call ${subject.phone}` : 'Log a call';
  const content = (
    <>
      {activeCall ? <PhoneCall size={15} aria-hidden /> : <Phone size={15} aria-hidden />}
      <span>{activeCall ? 'On a call' : 'Call'}</span>
      <kbd className={buttonStyles.shortcut} aria-hidden>
        {keyLabel(CALL_COMMANDS.start.keys)}
      </kbd>
    </>
  );
  if (subject.phone && !busy) {
    return (
      <a
        ref={ref}
        href={phoneHref(subject.phone, scheme)}
        className={className}
        aria-label={label}
        title={`${label} (${keyLabel(CALL_COMMANDS.start.keys)})`}
        onClick={() => void start()}
      >
        {content}
      </a>
    );
  }
  return (
    <button
      ref={ref}
      type="button"
      className={className}
      disabled={busy}
      aria-label={label}
      title={
        subject.phone
          ? undefined
          : `No phone number: the call panel still records the call (${keyLabel(CALL_COMMANDS.start.keys)})`
      }
      onClick={() => void start()}
    >
      {content}
    </button>
  );
}
