import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/contract/errors';
import { api } from '../api';
import { Button } from '../components/Button';
import { SelectField, TextField } from '../components/Field';
import { CURRENCIES } from '../features/deals/dealForm';
import styles from './FirstRun.module.css';

type Field = 'teamName' | 'userName' | 'email' | 'currency';

/** First start on this device: name the team and yourself. */
export function FirstRun() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ teamName: '', userName: '', email: '', currency: 'EUR' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    try {
      await api.team.setup(values);
      await queryClient.invalidateQueries();
    } catch (error) {
      if (error instanceof ApiError && error.field) {
        setErrors({ [error.field as Field]: error.message.replace(/^[\w.]+: [\w.]+: /, '') });
      } else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const bind = (field: Field) => ({
    value: values[field],
    error: errors[field],
    onChange: (event: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [field]: event.target.value })),
  });

  return (
    <div className={styles.screen}>
      <form
        className={styles.card}
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="first-run-title"
      >
        <h1 id="first-run-title" className={styles.title}>
          Welcome to Lifecycle Cockpit
        </h1>
        <p className={styles.lead}>
          Set up your team on this laptop. Everything stays on this device until you connect it to
          your team’s workspace.
        </p>
        <TextField
          label="Team name"
          autoFocus
          placeholder="e.g. Northwind Sales"
          {...bind('teamName')}
        />
        <TextField label="Your name" autoComplete="name" {...bind('userName')} />
        <TextField label="Work email" type="email" autoComplete="email" {...bind('email')} />
        <SelectField label="Currency for new deals" {...bind('currency')}>
          {CURRENCIES.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        {failure && (
          <p className={styles.failure} role="alert">
            {failure}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy}>
          Start
        </Button>
      </form>
    </div>
  );
}
