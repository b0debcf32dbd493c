import { useId, useRef } from 'react';
import type { ContactRow } from '../../../shared/domain';
import { api, useAppInfo } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { Sheet } from '../../components/Sheet';
import { Skeleton } from '../../components/Skeleton';
import { CONTACT_COMMANDS } from './commands';
import { ContactFields, useContactForm } from './ContactFields';
import { emptyContactValues, toCreateInput, type ContactFormValues } from './contactForm';

interface NewContactSheetProps {
  onClose: () => void;
  /** Called with the new contact; the sheet closes itself. */
  onCreated?: (contact: ContactRow) => void;
  /** Prefilled values, e.g. the account when adding a contact from an account page. */
  defaults?: Partial<ContactFormValues>;
}

export function NewContactSheet(props: NewContactSheetProps) {
  const info = useAppInfo();
  if (!info.data) {
    return (
      <Sheet title="New contact" onClose={props.onClose}>
        <Skeleton height={34} />
      </Sheet>
    );
  }
  return <NewContactForm {...props} ownerId={info.data.currentUser?.id ?? ''} />;
}

function NewContactForm({
  onClose,
  onCreated,
  defaults,
  ownerId,
}: NewContactSheetProps & { ownerId: string }) {
  const formId = useId();
  const created = useRef<ContactRow>(undefined);
  const form = useContactForm(
    emptyContactValues({ ownerId, ...defaults }),
    async (values, accountId) => {
      created.current = await api.contacts.create(toCreateInput(values, accountId));
      return `${created.current.name || 'Contact'} added`;
    },
  );
  const submit = async () => {
    if ((await form.submit()) && created.current) {
      onClose();
      onCreated?.(created.current);
    }
  };
  useShortcut(CONTACT_COMMANDS.save, () => void submit(), { whileTyping: true, inDialog: true });

  return (
    <Sheet
      title="New contact"
      subtitle="A person you sell to, onboard or ask for a referral."
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form={formId}
            variant="primary"
            busy={form.saving}
            shortcut={keyLabel(CONTACT_COMMANDS.save.keys)}
          >
            Create contact
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ContactFields form={form} focusName />
      </form>
    </Sheet>
  );
}
