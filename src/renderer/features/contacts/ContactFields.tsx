import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import { useUsers } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import {
  AccountField,
  resolveAccount,
  useAccountSuggestions,
  type AccountChoice,
} from './AccountField';
import {
  CHANNELS,
  CONSENTS,
  contactFieldFor,
  contactProblems,
  type ContactFormField,
  type ContactFormValues,
} from './contactForm';
import styles from './ContactFields.module.css';
import { describeOffset, formatLocalTime, isTimeZone, TIME_ZONES, useNow } from './localTime';

/**
 * The state of a contact form: values, field errors, and a submit that resolves the account,
 * saves, and puts any error the API names next to its field.
 */
export function useContactForm(
  initial: ContactFormValues,
  save: (values: ContactFormValues, accountId: string | null) => Promise<string | null>,
) {
  const [values, setValues] = useState(initial);
  // What the form started from (or was last reset to): edits are measured against it.
  const [baseline, setBaseline] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<ContactFormField, string>>>({});
  const [saving, setSaving] = useState(false);
  const suggestions = useAccountSuggestions(values.accountName);
  const toast = useToast();
  const queryClient = useQueryClient();

  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const setAccount = (choice: AccountChoice) => {
    setValues((current) => ({ ...current, ...choice }));
    setErrors((current) => ({ ...current, account: undefined }));
  };

  const submit = async (): Promise<boolean> => {
    if (saving) return false;
    const problems = contactProblems(values);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return false;
    }
    setSaving(true);
    setErrors({});
    try {
      const accountId = await resolveAccount(values, suggestions);
      const message = await save(values, accountId);
      // The contact shows on account pages and deal rows: refresh them along with the lists.
      await queryClient.invalidateQueries({
        predicate: (q) => /^(contacts|accounts)\./.test(String(q.queryKey[0])),
      });
      if (message) toast.success(message);
      return true;
    } catch (error) {
      const field = error instanceof ApiError ? contactFieldFor(error.field) : undefined;
      if (field) {
        const message = error instanceof Error ? error.message : String(error);
        setErrors({ [field]: message.replace(/^[\w.]+: [\w.]+: /, '') });
      } else toast.error(error instanceof Error ? error.message : String(error));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const reset = (next: ContactFormValues) => {
    setBaseline(next);
    setValues(next);
    setErrors({});
  };
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);

  return { values, set, setAccount, errors, saving, submit, suggestions, reset, dirty, baseline };
}

type ContactForm = ReturnType<typeof useContactForm>;

/** The fields of a contact, in the order a person fills them in. */
export function ContactFields({ form, focusName }: { form: ContactForm; focusName?: boolean }) {
  const { values, set, errors, suggestions } = form;
  const users = useUsers();
  const zoneListId = useId();
  const now = useNow();
  const zone = values.timeZone.trim();
  const zoneHint =
    zone && isTimeZone(zone)
      ? `${formatLocalTime(zone, now)} there now · ${describeOffset(zone, now)}`
      : 'Where they work, e.g. Europe/Berlin: for calling at a good hour.';
  return (
    <div className={styles.grid}>
      <TextField
        label="First name"
        value={values.firstName}
        error={errors.firstName}
        autoComplete="off"
        data-autofocus={focusName || undefined}
        onChange={(e) => set('firstName', e.target.value)}
      />
      <TextField
        label="Last name"
        value={values.lastName}
        error={errors.lastName}
        autoComplete="off"
        onChange={(e) => set('lastName', e.target.value)}
      />
      <TextField
        className={styles.full}
        label="Role / title"
        value={values.title}
        error={errors.title}
        placeholder="e.g. Head of Operations"
        onChange={(e) => set('title', e.target.value)}
      />
      <AccountField
        className={styles.full}
        value={values}
        suggestions={suggestions}
        error={errors.account}
        onChange={form.setAccount}
      />
      <TextField
        label="Email"
        type="email"
        value={values.email}
        error={errors.email}
        autoComplete="off"
        onChange={(e) => set('email', e.target.value)}
      />
      <TextField
        label="Phone"
        type="tel"
        value={values.phone}
        error={errors.phone}
        autoComplete="off"
        onChange={(e) => set('phone', e.target.value)}
      />
      <TextField
        label="City"
        value={values.city}
        error={errors.city}
        onChange={(e) => set('city', e.target.value)}
      />
      <TextField
        label="Country"
        value={values.country}
        error={errors.country}
        placeholder="e.g. DE"
        onChange={(e) => set('country', e.target.value)}
      />
      <TextField
        className={styles.full}
        label="Time zone"
        list={zoneListId}
        value={values.timeZone}
        error={errors.timeZone}
        hint={zoneHint}
        autoComplete="off"
        onChange={(e) => set('timeZone', e.target.value)}
      />
      <datalist id={zoneListId}>
        {TIME_ZONES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <SelectField
        label="Preferred channel"
        value={values.preferredChannel}
        error={errors.preferredChannel}
        onChange={(e) =>
          set('preferredChannel', e.target.value as ContactFormValues['preferredChannel'])
        }
      >
        <option value="">No preference</option>
        {CHANNELS.map((channel) => (
          <option key={channel.value} value={channel.value}>
            {channel.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Consent to contact"
        value={values.consent}
        error={errors.consent}
        onChange={(e) => set('consent', e.target.value as ContactFormValues['consent'])}
      >
        {CONSENTS.map((consent) => (
          <option key={consent.value} value={consent.value}>
            {consent.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        className={styles.full}
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
    </div>
  );
}
