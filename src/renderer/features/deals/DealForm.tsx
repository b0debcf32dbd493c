import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import { api, useApiQuery, useAppInfo, useStages, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { Skeleton } from '../../components/Skeleton';
import { StageOptions } from '../../components/StageOptions';
import { useToast } from '../../components/Toast';
import { DEAL_COMMANDS } from './commands';
import {
  CURRENCIES,
  FormError,
  emptyValues,
  mergeUntouched,
  formFieldFor,
  toCreateInput,
  type DealFormField,
  type DealFormValues,
} from './dealForm';
import styles from './DealForm.module.css';

interface DealFormProps {
  initial: DealFormValues;
  submitLabel: string;
  /** Put the cursor in the name field (a new deal). */
  focusTitle?: boolean;
  /** Said under the follow-up field. */
  followUpHint?: string;
  /** Write the values; returns the confirmation to show. */
  save: (values: DealFormValues, accountId: string | null) => Promise<string>;
  onSaved?: () => void;
  onCancel?: () => void;
}

/**
 * Every field of a deal, with the account picked by name (or created), amounts in the deal's
 * currency, and each error from the core under the field it names. Ctrl/⌘+Enter saves.
 */
export function DealForm({
  initial,
  submitLabel,
  focusTitle,
  followUpHint,
  save,
  onSaved,
  onCancel,
}: DealFormProps) {
  const [values, setValues] = useState(initial);
  // The record may change while the form is open (another device's edit arrives, the board moves
  // the deal): fields the user has not touched follow it; fields they are editing stay theirs.
  const base = useRef(initial);
  const initialKey = JSON.stringify(initial);
  useEffect(() => {
    const previous = base.current;
    base.current = initial;
    setValues((current) => mergeUntouched(current, previous, initial));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- initialKey stands for initial
  }, [initialKey]);
  const [errors, setErrors] = useState<Partial<Record<DealFormField, string>>>({});
  const [saving, setSaving] = useState(false);
  const { phases, stages, byId } = useStages();
  const users = useUsers();
  const toast = useToast();
  const queryClient = useQueryClient();
  const formId = useId();
  const accountListId = useId();
  const accountQuery = useApiQuery('accounts.list', {
    query: values.accountName.trim() || undefined,
    limit: 8,
  });
  const accounts = accountQuery.data?.items;
  const stage = byId.get(values.stageId);

  const set = <K extends keyof DealFormValues>(key: K, value: DealFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key === 'accountName' ? 'account' : key]: undefined }));
  };

  /** The account the typed name means: the one picked, an exact match, or a new one. */
  const resolveAccount = async (): Promise<string | null> => {
    const name = values.accountName.trim();
    if (!name) return null;
    const known = (accounts ?? []).find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (
      values.accountId &&
      (!known || known.id === values.accountId) &&
      name === initial.accountName
    ) {
      return values.accountId;
    }
    if (known) return known.id;
    return (await api.accounts.create({ name })).id;
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors({});
    try {
      const message = await save(values, await resolveAccount());
      await queryClient.invalidateQueries({ queryKey: ['deals.get'] });
      toast.success(message);
      onSaved?.();
    } catch (error) {
      const field =
        error instanceof FormError
          ? error.field
          : error instanceof ApiError
            ? formFieldFor(error.field)
            : undefined;
      const text =
        error instanceof Error ? error.message.replace(/^[\w.]+: [\w.]+: /, '') : String(error);
      if (field) setErrors({ [field]: text });
      else toast.error(text);
    } finally {
      setSaving(false);
    }
  };

  useShortcut(DEAL_COMMANDS.save, () => void submit(), { whileTyping: true, inDialog: true });

  const typedNewAccount =
    values.accountName.trim() !== '' &&
    accounts !== undefined &&
    !accounts.some((a) => a.name.toLowerCase() === values.accountName.trim().toLowerCase());

  return (
    <form id={formId} className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        className={styles.full}
        label="Deal name"
        required
        data-autofocus={focusTitle || undefined}
        value={values.title}
        error={errors.title}
        placeholder="e.g. Acme — Annual licence"
        onChange={(event) => set('title', event.target.value)}
      />
      <TextField
        className={styles.full}
        label="Account"
        list={accountListId}
        value={values.accountName}
        error={errors.account}
        placeholder="Company name"
        hint={
          typedNewAccount
            ? `A new account “${values.accountName.trim()}” will be created.`
            : undefined
        }
        onChange={(event) => {
          const name = event.target.value;
          const match = accounts?.find((a) => a.name === name);
          setValues((current) => ({ ...current, accountName: name, accountId: match?.id ?? null }));
          setErrors((current) => ({ ...current, account: undefined }));
        }}
      />
      <datalist id={accountListId}>
        {(accounts ?? []).map((account) => (
          <option key={account.id} value={account.name}>
            {account.domain ?? account.industry ?? ''}
          </option>
        ))}
      </datalist>
      <SelectField
        label="Stage"
        value={values.stageId}
        error={errors.stageId}
        onChange={(e) => set('stageId', e.target.value)}
      >
        <StageOptions phases={phases} stages={stages} detailed />
      </SelectField>
      <SelectField
        label="Owner"
        value={values.ownerId}
        error={errors.ownerId}
        onChange={(e) => set('ownerId', e.target.value)}
      >
        <option value="">Unassigned</option>
        {(users.data ?? []).map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </SelectField>
      {stage && stage.kind !== 'open' && (
        <TextField
          className={styles.full}
          label={stage.kind === 'won' ? 'Why did we win?' : 'Why did we lose?'}
          value={values.closeReason}
          error={errors.closeReason}
          placeholder={
            stage.kind === 'won'
              ? 'e.g. Best fit for their workflow'
              : 'e.g. Went with a competitor'
          }
          onChange={(e) => set('closeReason', e.target.value)}
        />
      )}
      <div className={styles.money}>
        <TextField
          label="Value"
          inputMode="decimal"
          value={values.value}
          error={errors.value}
          placeholder="0"
          onChange={(e) => set('value', e.target.value)}
        />
        <SelectField
          label="Currency"
          value={values.currency}
          error={errors.currency}
          onChange={(e) => set('currency', e.target.value)}
        >
          {[...new Set([values.currency, ...CURRENCIES])].map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label="Expected close"
        type="date"
        value={values.expectedClose}
        error={errors.expectedClose}
        onChange={(e) => set('expectedClose', e.target.value)}
      />
      <TextField
        className={styles.full}
        label="Next step"
        value={values.nextStep}
        error={errors.nextStep}
        placeholder="e.g. Send the proposal to the CFO"
        onChange={(e) => set('nextStep', e.target.value)}
      />
      <TextField
        label="Follow up"
        type="datetime-local"
        value={values.followUp}
        hint={followUpHint}
        error={errors.followUp}
        onChange={(e) => set('followUp', e.target.value)}
      />
      <div className={`${styles.full} ${styles.actions}`}>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button
          type="submit"
          variant="primary"
          busy={saving}
          shortcut={keyLabel(DEAL_COMMANDS.save.keys)}
        >
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The new-deal form, as a drawer over the board or the table. */
export function NewDealSheet({ onClose }: { onClose: () => void }) {
  const info = useAppInfo();
  const { stages } = useStages();
  const firstOpen = stages.find((stage) => stage.kind === 'open');
  return (
    <Sheet title="New deal" onClose={onClose}>
      {!info.data || !firstOpen ? (
        <Skeleton height={34} />
      ) : (
        <DealForm
          initial={emptyValues({
            stageId: firstOpen.id,
            ownerId: info.data.currentUser?.id ?? '',
            currency: info.data.team?.defaultCurrency ?? 'EUR',
          })}
          submitLabel="Create deal"
          focusTitle
          followUpHint="Left empty, a new lead’s first call is planned by the team’s rule (within 5 minutes by default)."
          onCancel={onClose}
          onSaved={onClose}
          save={async (values, accountId) => {
            // Left empty, the follow-up of a new lead is its first call, by the team's rule.
            await api.deals.create({
              ...toCreateInput(values, accountId),
              planFirstCall: values.followUp === '',
            });
            return 'Deal created';
          }}
        />
      )}
    </Sheet>
  );
}
