import { useId, useRef } from 'react';
import type { AccountSummary } from '../../../shared/domain';
import { api, useAppInfo } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { Sheet } from '../../components/Sheet';
import { Skeleton } from '../../components/Skeleton';
import { AccountFields, useAccountForm } from './AccountFields';
import { emptyAccountValues, toCreateInput } from './accountForm';
import { ACCOUNT_COMMANDS } from './commands';

export function NewAccountSheet({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  /** Called with the new account; the sheet closes itself. */
  onCreated?: (account: AccountSummary) => void;
}) {
  const info = useAppInfo();
  if (!info.data) {
    return (
      <Sheet title="New account" onClose={onClose}>
        <Skeleton height={34} />
      </Sheet>
    );
  }
  return (
    <NewAccountForm
      onClose={onClose}
      onCreated={onCreated}
      ownerId={info.data.currentUser?.id ?? ''}
      currency={info.data.team?.defaultCurrency ?? 'EUR'}
    />
  );
}

function NewAccountForm({
  onClose,
  onCreated,
  ownerId,
  currency,
}: {
  onClose: () => void;
  onCreated?: (account: AccountSummary) => void;
  ownerId: string;
  currency: string;
}) {
  const formId = useId();
  const created = useRef<AccountSummary>(undefined);
  const form = useAccountForm(emptyAccountValues({ ownerId, currency }), async (values) => {
    created.current = await api.accounts.create(toCreateInput(values));
    return `${created.current.name} added`;
  });
  const submit = async () => {
    if ((await form.submit()) && created.current) {
      onClose();
      onCreated?.(created.current);
    }
  };
  useShortcut(ACCOUNT_COMMANDS.save, () => void submit(), { whileTyping: true, inDialog: true });

  return (
    <Sheet
      title="New account"
      subtitle="A company you sell to, onboard and renew."
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
            shortcut={keyLabel(ACCOUNT_COMMANDS.save.keys)}
          >
            Create account
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
        <AccountFields form={form} focusName />
      </form>
    </Sheet>
  );
}
