import { useId } from 'react';
import type { AccountRow } from '../../../shared/domain';
import { api, useApiQuery } from '../../api';
import { TextField } from '../../components/Field';

export interface AccountChoice {
  accountId: string | null;
  accountName: string;
}

/** Accounts whose name starts with what was typed, for the picker's suggestions. */
export function useAccountSuggestions(name: string): AccountRow[] | undefined {
  const query = useApiQuery('accounts.list', { query: name.trim() || undefined, limit: 8 });
  return query.data?.items;
}

/**
 * The account a typed name means: the one picked from the list, an exact match by name, or a
 * new account created on the spot (as the deal form does), so nobody has to leave the form.
 */
export async function resolveAccount(
  choice: AccountChoice,
  suggestions: readonly AccountRow[] | undefined,
): Promise<string | null> {
  const name = choice.accountName.trim();
  if (!name) return null;
  const known = (suggestions ?? []).find((a) => a.name.toLowerCase() === name.toLowerCase());
  if (choice.accountId && (!known || known.id === choice.accountId)) return choice.accountId;
  if (known) return known.id;
  return (await api.accounts.create({ name })).id;
}

export function AccountField({
  value,
  suggestions,
  onChange,
  error,
  className,
}: {
  value: AccountChoice;
  suggestions: readonly AccountRow[] | undefined;
  onChange: (choice: AccountChoice) => void;
  error?: string;
  className?: string;
}) {
  const listId = useId();
  const name = value.accountName.trim();
  const isNew =
    name !== '' &&
    !value.accountId &&
    suggestions !== undefined &&
    !suggestions.some((a) => a.name.toLowerCase() === name.toLowerCase());
  return (
    <>
      <TextField
        className={className}
        label="Account"
        list={listId}
        value={value.accountName}
        error={error}
        placeholder="Company name"
        autoComplete="off"
        hint={isNew ? `A new account “${name}” will be created.` : undefined}
        onChange={(event) => {
          const typed = event.target.value;
          const match = suggestions?.find((a) => a.name === typed);
          onChange({ accountName: typed, accountId: match?.id ?? null });
        }}
      />
      <datalist id={listId}>
        {(suggestions ?? []).map((account) => (
          <option key={account.id} value={account.name}>
            {[account.industry, account.city].filter(Boolean).join(' · ')}
          </option>
        ))}
      </datalist>
    </>
  );
}
