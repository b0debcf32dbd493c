import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import { useUsers } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { INDUSTRY_SUGGESTIONS, REGION_SUGGESTIONS } from '../campaigns/campaignForm';
import styles from '../contacts/ContactFields.module.css';
import {
  accountFieldFor,
  AccountFormError,
  HEALTH,
  type AccountFormField,
  type AccountFormValues,
} from './accountForm';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'JPY'];

/** The state of an account form: values, field errors, and a submit that names bad fields. */
export function useAccountForm(
  initial: AccountFormValues,
  save: (values: AccountFormValues) => Promise<string | null>,
) {
  const [values, setValues] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<AccountFormField, string>>>({});
  const [saving, setSaving] = useState(false);
  const toast = useToast();
  const queryClient = useQueryClient();

  const set = <K extends AccountFormField>(key: K, value: AccountFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const submit = async (): Promise<boolean> => {
    if (saving) return false;
    setSaving(true);
    setErrors({});
    try {
      const message = await save(values);
      // Account names and firmographics show on contacts, deals and campaign matches.
      await queryClient.invalidateQueries({
        predicate: (q) => /^(accounts|contacts|campaigns)\./.test(String(q.queryKey[0])),
      });
      if (message) toast.success(message);
      return true;
    } catch (error) {
      if (error instanceof AccountFormError) setErrors({ [error.field]: error.message });
      else {
        const field = error instanceof ApiError ? accountFieldFor(error.field) : undefined;
        const message = error instanceof Error ? error.message : String(error);
        if (field) setErrors({ [field]: message.replace(/^[\w.]+: [\w.]+: /, '') });
        else toast.error(message);
      }
      return false;
    } finally {
      setSaving(false);
    }
  };

  const reset = (next: AccountFormValues) => {
    setBaseline(next);
    setValues(next);
    setErrors({});
  };
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);

  return { values, set, errors, saving, submit, reset, dirty, baseline };
}

type AccountForm = ReturnType<typeof useAccountForm>;

/** Firmographics first, then what the account is worth to us and how it is doing. */
export function AccountFields({ form, focusName }: { form: AccountForm; focusName?: boolean }) {
  const { values, set, errors } = form;
  const users = useUsers();
  const industryList = useId();
  const regionList = useId();
  return (
    <div className={styles.grid}>
      <TextField
        className={styles.full}
        label="Company name"
        required
        data-autofocus={focusName || undefined}
        value={values.name}
        error={errors.name}
        onChange={(e) => set('name', e.target.value)}
      />
      <TextField
        label="Website domain"
        value={values.domain}
        error={errors.domain}
        placeholder="acme.com"
        onChange={(e) => set('domain', e.target.value)}
      />
      <TextField
        label="Industry"
        list={industryList}
        value={values.industry}
        error={errors.industry}
        onChange={(e) => set('industry', e.target.value)}
      />
      <datalist id={industryList}>
        {INDUSTRY_SUGGESTIONS.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <TextField
        label="Employees"
        inputMode="numeric"
        value={values.employees}
        error={errors.employees}
        placeholder="e.g. 250"
        onChange={(e) => set('employees', e.target.value)}
      />
      <TextField
        label="Region"
        list={regionList}
        value={values.region}
        error={errors.region}
        placeholder="e.g. EMEA"
        onChange={(e) => set('region', e.target.value)}
      />
      <datalist id={regionList}>
        {REGION_SUGGESTIONS.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
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
        label="Lifetime value"
        inputMode="decimal"
        value={values.lifetimeValue}
        error={errors.lifetimeValue}
        placeholder="0"
        onChange={(e) => set('lifetimeValue', e.target.value)}
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
      <TextField
        label="Renewal date"
        type="date"
        value={values.renewal}
        error={errors.renewal}
        onChange={(e) => set('renewal', e.target.value)}
      />
      <SelectField
        label="Health"
        value={values.health}
        error={errors.health}
        onChange={(e) => set('health', e.target.value as AccountFormValues['health'])}
      >
        <option value="">Not rated</option>
        {HEALTH.map((health) => (
          <option key={health.value} value={health.value}>
            {health.label}
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
