import { useQueryClient } from '@tanstack/react-query';
import {
  CircleAlert,
  FolderInput,
  FolderPlus,
  HardDrive,
  Server,
  ShieldCheck,
  UserRoundCheck,
  UsersRound,
  WifiOff,
  type LucideIcon,
} from 'lucide-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { api } from '../../api';
import { SYNC_STATUS_KEY } from '../../api/queries';
import { Button } from '../../components/Button';
import { SecretField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import styles from './SyncPage.module.css';
import { checkWorkspaceForm, formFailure, serverAddress, type FieldErrors } from './workspaceForm';

const FOLDER_PLACEHOLDER = /Win/.test(navigator.platform)
  ? 'e.g. \\\\fileserver\\sales\\Cockpit'
  : 'e.g. /Volumes/Sales/Cockpit';

const sentence = (text: string | undefined) =>
  text ? text.charAt(0).toUpperCase() + text.slice(1) : undefined;

/**
 * Sync is off: make a folder the team's workspace, join the one a teammate made, or connect to
 * the team's sync server.
 */
export function SetUpSync() {
  return (
    <>
      <div className={styles.choices}>
        <CreateWorkspace />
        <JoinWorkspace />
        <ConnectServer />
      </div>
      <SyncModeNote kind="folder" />
    </>
  );
}

function useWorkspaceCall() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const run = async (call: () => Promise<SyncStatus>): Promise<SyncStatus | null> => {
    setBusy(true);
    setFailure(undefined);
    try {
      const status = await call();
      queryClient.setQueryData(SYNC_STATUS_KEY, status);
      return status;
    } catch (error) {
      const { fields, form } = formFailure(error);
      setErrors(fields);
      setFailure(form);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, setErrors, failure, setFailure, run };
}

function CreateWorkspace() {
  const id = useId();
  const toast = useToast();
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  const { busy, errors, setErrors, failure, setFailure, run } = useWorkspaceCall();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkWorkspaceForm('sync.createWorkspace', { folder, name });
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    const status = await run(() => api.sync.createWorkspace({ folder, name }));
    if (status) toast.success(`Workspace “${name.trim()}” created; this device syncs through it`);
  };

  return (
    <ChoiceCard
      id={id}
      icon={FolderPlus}
      title="Create a workspace in a folder"
      lede="For the first device of your team. The folder becomes your team’s shared workspace; teammates join it from their laptops."
    >
      <form
        className={styles.form}
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby={`${id}-title`}
      >
        <FolderField
          value={folder}
          error={errors.folder}
          onChange={(value) => {
            setFolder(value);
            setErrors((current) => ({ ...current, folder: undefined }));
          }}
          hint="An empty folder every teammate can reach: a network drive, or a Dropbox, OneDrive or Google Drive folder."
        />
        <TextField
          label="Workspace name"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setErrors((current) => ({ ...current, name: undefined }));
          }}
          placeholder="e.g. Northwind Sales"
          maxLength={80}
          autoComplete="off"
          error={sentence(errors.name)}
        />
        <p className={styles.formNote}>
          What is on this laptop now becomes the team’s starting point.
        </p>
        <FormFailure title="The workspace could not be created" message={failure} />
        <div className={styles.formActions}>
          <Button type="submit" variant="primary" icon={<FolderPlus />} busy={busy}>
            Create workspace
          </Button>
        </div>
      </form>
    </ChoiceCard>
  );
}

function JoinWorkspace() {
  const id = useId();
  const toast = useToast();
  const [folder, setFolder] = useState('');
  const { busy, errors, setErrors, failure, setFailure, run } = useWorkspaceCall();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkWorkspaceForm('sync.joinWorkspace', { folder });
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    const status = await run(() => api.sync.joinWorkspace({ folder }));
    if (status) {
      const name = status.workspace?.name;
      toast.success(name ? `Joined workspace “${name}”` : 'Joined the workspace');
    }
  };

  return (
    <ChoiceCard
      id={id}
      icon={FolderInput}
      title="Join a workspace"
      lede="A teammate already created one. Point this device at the same folder and it catches up with the team."
    >
      <form
        className={styles.form}
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby={`${id}-title`}
      >
        <FolderField
          value={folder}
          error={errors.folder}
          onChange={(value) => {
            setFolder(value);
            setErrors((current) => ({ ...current, folder: undefined }));
          }}
          hint="The folder your teammate created the workspace in, as this laptop sees it."
        />
        <p className={styles.formNote}>
          Deals and contacts already on this laptop are shared with the team when it joins.
        </p>
        <FormFailure title="This device could not join" message={failure} />
        <div className={styles.formActions}>
          <Button type="submit" variant="primary" icon={<FolderInput />} busy={busy}>
            Join workspace
          </Button>
        </div>
      </form>
    </ChoiceCard>
  );
}

function ConnectServer() {
  const id = useId();
  const toast = useToast();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const { busy, errors, setErrors, failure, setFailure, run } = useWorkspaceCall();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = serverAddress(url);
    const found = checkWorkspaceForm('sync.connectServer', { url: address, token });
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    const status = await run(() => api.sync.connectServer({ url: address, token }));
    if (status) {
      const host = status.workspace?.name;
      toast.success(host ? `Connected to ${host}; this device syncs through it` : 'Connected');
    }
  };

  return (
    <ChoiceCard
      id={id}
      icon={Server}
      title="Connect to your team’s sync server"
      lede={
        <>
          For teams whose admin runs a Cockpit sync server. The server checks each change against
          the person’s role: a rep changes their own deals, an admin the pipeline.
        </>
      }
      wide
    >
      <form
        className={styles.form}
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby={`${id}-title`}
      >
        <div className={styles.fieldRow}>
          <TextField
            label="Server address"
            type="url"
            inputMode="url"
            value={url}
            onChange={(event) => {
              setUrl(event.target.value);
              setErrors((current) => ({ ...current, url: undefined }));
            }}
            placeholder="e.g. https://sync.example.com"
            spellCheck={false}
            autoComplete="url"
            className={styles.pathField}
            error={sentence(errors.url)}
            hint="The address your admin gave you."
          />
          <SecretField
            label="Access token"
            revealLabel="Show token"
            placeholder="Paste it here"
            value={token}
            onChange={(event) => {
              setToken(event.target.value);
              setErrors((current) => ({ ...current, token: undefined }));
            }}
            autoComplete="off"
            maxLength={200}
            error={sentence(errors.token)}
            hint={
              <>
                Ask your admin for one: they make it with{' '}
                <code className={styles.command}>cockpit server add-user</code>. It is kept on this
                laptop only.
              </>
            }
          />
        </div>
        <FormFailure title="This device could not connect" message={failure} />
        <div className={styles.formFoot}>
          <p className={styles.formNote}>
            What is on this laptop goes to the server when it connects. A change your role may not
            make stays on this laptop, and this page lists it.
          </p>
          <Button type="submit" variant="primary" icon={<Server />} busy={busy}>
            Connect
          </Button>
        </div>
      </form>
    </ChoiceCard>
  );
}

/** The folder path of a workspace, in the create and join forms. */
function FolderField(props: {
  value: string;
  error: string | undefined;
  hint: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      label="Folder"
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      placeholder={FOLDER_PLACEHOLDER}
      spellCheck={false}
      autoComplete="off"
      className={styles.pathField}
      error={sentence(props.error)}
      hint={props.hint}
    />
  );
}

function ChoiceCard({
  id,
  icon: Icon,
  title,
  lede,
  wide,
  children,
}: {
  id: string;
  icon: LucideIcon;
  title: string;
  lede: ReactNode;
  /** Across the whole row, below the two folder choices. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className={[styles.card, styles.choice, wide && styles.wideChoice].filter(Boolean).join(' ')}
      aria-labelledby={`${id}-title`}
    >
      <div className={styles.choiceHead}>
        <span className={styles.choiceIcon} aria-hidden>
          <Icon size={18} />
        </span>
        <div>
          <h2 id={`${id}-title`} className={styles.cardTitle}>
            {title}
          </h2>
          <p className={styles.muted}>{lede}</p>
        </div>
      </div>
      {children}
    </section>
  );
}

function FormFailure({ title, message }: { title: string; message?: string }) {
  if (!message) return null;
  return (
    <div className={styles.alert} data-tone="danger" role="alert">
      <CircleAlert size={18} aria-hidden />
      <div>
        <p className={styles.alertTitle}>{title}</p>
        <p>{sentence(message)}</p>
      </div>
    </div>
  );
}

type Fact = { icon: LucideIcon; title: string; text: string };

const NOTHING_LOST: Fact = {
  icon: ShieldCheck,
  title: 'Nothing typed is lost',
  text: 'When two people change the same field at once, the newest change wins and the other waits in Conflicts for you to choose.',
};

const FOLDER_FACTS: Fact[] = [
  {
    icon: HardDrive,
    title: 'Your database stays on this laptop',
    text: 'Only files of changes go into the folder, never the database itself: a synced folder would break it.',
  },
  {
    icon: UsersRound,
    title: 'Every device can change everything',
    text: 'In folder mode no server checks roles, so anyone with the folder can edit any deal. It is meant for teams that trust each other.',
  },
  {
    icon: WifiOff,
    title: 'Works offline',
    text: 'Changes wait on this device and go out at the next sync, when the folder can be reached again.',
  },
  NOTHING_LOST,
];

const SERVER_FACTS: Fact[] = [
  {
    icon: HardDrive,
    title: 'Your database stays on this laptop',
    text: 'Only changes travel to the server and back; you keep working on this laptop’s own copy.',
  },
  {
    icon: UserRoundCheck,
    title: 'The server checks roles',
    text: 'Each change is checked against its author’s role. One your role may not make stays on this laptop only, and is listed under Refused changes.',
  },
  {
    icon: WifiOff,
    title: 'Works offline',
    text: 'Changes wait on this device and go out when the server can be reached again.',
  },
  NOTHING_LOST,
];

/** What folder or server mode means, said plainly: before anyone chooses, and while it runs. */
export function SyncModeNote({ kind }: { kind: 'folder' | 'server' }) {
  const id = useId();
  const facts = kind === 'server' ? SERVER_FACTS : FOLDER_FACTS;
  return (
    <section className={`${styles.card} ${styles.note}`} aria-labelledby={id}>
      <h2 id={id} className={styles.cardTitle}>
        {kind === 'server' ? 'How server sync works' : 'How folder sync works'}
      </h2>
      <ul className={styles.facts}>
        {facts.map(({ icon: Icon, title, text }) => (
          <li key={title}>
            <Icon size={16} aria-hidden />
            <div>
              <strong>{title}.</strong> {text}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
