import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/contract/errors';
import { api, useApiQuery, useAppInfo } from '../api';
import { Button } from '../components/Button';
import { SelectField, TextField } from '../components/Field';
import { CURRENCIES } from '../features/deals/dealForm';
import styles from './FirstRun.module.css';

type Field = 'teamName' | 'userName' | 'email' | 'currency' | 'folder' | 'url' | 'token';
type Errors = Partial<Record<Field, string>>;

const fieldMessage = (error: ApiError) => error.message.replace(/^[\w.]+: [\w.]+: /, '');

/**
 * First start on this device. Either set up a new team, or join the team's workspace folder:
 * the team and its people arrive by sync, and the person picks themselves by name and email.
 */
export function FirstRun() {
  const sync = useApiQuery('sync.status', {});
  const serverUser =
    sync.data?.workspace?.kind === 'server' ? (sync.data.workspace.user ?? null) : null;
  // Starts again with the person's name and email once the server has said who they are.
  return <FirstRunSteps key={serverUser?.email ?? ''} initialUser={serverUser} />;
}

function FirstRunSteps({ initialUser }: { initialUser: { name: string; email: string } | null }) {
  const queryClient = useQueryClient();
  const info = useAppInfo();
  const team = info.data?.team ?? null;
  const [mode, setMode] = useState<'new' | 'join'>('new');
  const [via, setVia] = useState<'folder' | 'server'>('folder');
  const [values, setValues] = useState({
    teamName: '',
    // Joined through a server: the token says who this is (they may still correct it).
    userName: initialUser?.name ?? '',
    email: initialUser?.email ?? '',
    currency: 'EUR',
    folder: '',
    url: '',
    token: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (event: FormEvent, action: () => Promise<void>) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    try {
      await action();
      await queryClient.invalidateQueries();
    } catch (error) {
      if (error instanceof ApiError && error.field) {
        setErrors({ [error.field as Field]: fieldMessage(error) });
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

  const failureLine = failure && (
    <p className={styles.failure} role="alert">
      {failure}
    </p>
  );

  // The team is here (it arrived through the workspace): only who uses this laptop is missing.
  if (team) {
    return (
      <div className={styles.screen}>
        <form
          className={styles.card}
          onSubmit={(event) =>
            void run(event, async () => {
              await api.team.setup({
                teamName: team.name,
                userName: values.userName,
                email: values.email,
                currency: team.defaultCurrency,
              });
            })
          }
          noValidate
          aria-labelledby="first-run-title"
        >
          <h1 id="first-run-title" className={styles.title}>
            Welcome to {team.name}
          </h1>
          <p className={styles.lead}>
            This laptop is in your team’s workspace. Who will use it? If you already work on another
            laptop, use the same email: you stay one person on the team.
          </p>
          <TextField label="Your name" autoComplete="name" autoFocus {...bind('userName')} />
          <TextField label="Work email" type="email" autoComplete="email" {...bind('email')} />
          {failureLine}
          <Button type="submit" variant="primary" busy={busy}>
            Start
          </Button>
        </form>
      </div>
    );
  }

  if (mode === 'join') {
    const joined = async (name: string | null | undefined) => {
      const info = await api.app.info();
      if (!info.team) {
        setFailure(
          `Joined “${name ?? 'the workspace'}”, but no team has been set up in it yet. ` +
            'Set up the team here: it will be the workspace’s team.',
        );
        setMode('new');
      }
    };
    return (
      <div className={styles.screen}>
        <form
          className={styles.card}
          onSubmit={(event) =>
            void run(event, async () => {
              const status =
                via === 'folder'
                  ? await api.sync.joinWorkspace({ folder: values.folder })
                  : await api.sync.connectServer({ url: values.url, token: values.token });
              await joined(status.workspace?.name);
            })
          }
          noValidate
          aria-labelledby="first-run-title"
        >
          <h1 id="first-run-title" className={styles.title}>
            Join your team
          </h1>
          <div className={styles.via} role="radiogroup" aria-label="How your team syncs">
            {(
              [
                ['folder', 'A shared folder'],
                ['server', 'A sync server'],
              ] as const
            ).map(([value, label]) => (
              <label
                key={value}
                className={styles.viaOption}
                data-checked={via === value || undefined}
              >
                <input
                  type="radio"
                  name="via"
                  value={value}
                  checked={via === value}
                  onChange={() => {
                    setVia(value);
                    setErrors({});
                    setFailure(undefined);
                  }}
                />
                {label}
              </label>
            ))}
          </div>
          {via === 'folder' ? (
            <>
              <p className={styles.lead}>
                The folder your teammates share: a network drive, or a Dropbox, OneDrive or Google
                Drive folder. The team, its deals and its people arrive from there; then you say who
                you are.
              </p>
              <TextField
                label="Workspace folder"
                autoFocus
                placeholder="e.g. /Volumes/Sales/Cockpit"
                spellCheck={false}
                {...bind('folder')}
              />
            </>
          ) : (
            <>
              <p className={styles.lead}>
                The address of your team’s sync server and the access token your admin gave you. The
                team and everything you may see arrive from there.
              </p>
              <TextField
                label="Server address"
                type="url"
                autoFocus
                placeholder="https://sync.example.com"
                spellCheck={false}
                {...bind('url')}
              />
              <TextField
                label="Access token"
                type="password"
                autoComplete="off"
                spellCheck={false}
                {...bind('token')}
              />
            </>
          )}
          {failureLine}
          <Button type="submit" variant="primary" busy={busy}>
            Join
          </Button>
          <button type="button" className={styles.switch} onClick={() => setMode('new')}>
            Set up a new team instead
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className={styles.screen}>
      <form
        className={styles.card}
        onSubmit={(event) =>
          void run(event, async () => {
            await api.team.setup({
              teamName: values.teamName,
              userName: values.userName,
              email: values.email,
              currency: values.currency,
            });
          })
        }
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
        {failureLine}
        <Button type="submit" variant="primary" busy={busy}>
          Start
        </Button>
        <button type="button" className={styles.switch} onClick={() => setMode('join')}>
          My team already uses Lifecycle Cockpit: join its workspace
        </button>
      </form>
    </div>
  );
}
