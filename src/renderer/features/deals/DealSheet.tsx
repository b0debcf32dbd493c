import { useQueryClient } from '@tanstack/react-query';
import { ArrowRight, CircleAlert } from 'lucide-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../shared/contract';
import type { DealDetail, StageMove } from '../../../shared/domain';
import { api, useApiQuery, useAppInfo, useStages, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { SelectField, TextField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { Skeleton } from '../../components/Skeleton';
import { StageOptions } from '../../components/StageOptions';
import { StagePill } from '../../components/StagePill';
import { useToast } from '../../components/Toast';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DEAL_COMMANDS } from './commands';
import {
  CURRENCIES,
  FormError,
  emptyValues,
  formFieldFor,
  toCreateInput,
  toPatch,
  valuesFromDeal,
  type DealFormField,
  type DealFormValues,
} from './dealForm';
import styles from './DealSheet.module.css';

/** `/deals/new` or `/deals/:dealId`: a drawer over the list. */
export function DealSheet() {
  const { dealId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const close = () => navigate({ pathname: '/deals', search: location.search });
  const isNew = dealId === 'new';
  const deal = useApiQuery(
    'deals.get',
    { id: dealId ?? '' },
    { enabled: !isNew && Boolean(dealId) },
  );

  if (isNew) return <NewDeal onClose={close} />;
  if (deal.isError) {
    return (
      <Sheet title="Deal not found" onClose={close}>
        <EmptyState tone="danger" icon={<CircleAlert />} title="This deal cannot be opened">
          {deal.error.message}
        </EmptyState>
      </Sheet>
    );
  }
  if (!deal.data || deal.data.id !== dealId) {
    return (
      <Sheet title="Loading deal…" onClose={close}>
        <div className={styles.loading} aria-busy>
          <Skeleton height={34} />
          <Skeleton height={34} />
          <Skeleton height={34} width="60%" />
        </div>
      </Sheet>
    );
  }
  return <EditDeal key={deal.data.id} deal={deal.data} onClose={close} />;
}

function NewDeal({ onClose }: { onClose: () => void }) {
  const info = useAppInfo();
  const { stages } = useStages();
  const firstOpen = stages.find((stage) => stage.kind === 'open');
  if (!info.data || !firstOpen) {
    return (
      <Sheet title="New deal" onClose={onClose}>
        <Skeleton height={34} />
      </Sheet>
    );
  }
  return (
    <DealEditor
      title="New deal"
      initial={emptyValues({
        stageId: firstOpen.id,
        ownerId: info.data.currentUser?.id ?? '',
        currency: info.data.team?.defaultCurrency ?? 'EUR',
      })}
      submitLabel="Create deal"
      focusTitle
      onClose={onClose}
      save={async (values, accountId) => {
        await api.deals.create(toCreateInput(values, accountId));
        return 'Deal created';
      }}
    />
  );
}

function EditDeal({ deal, onClose }: { deal: DealDetail; onClose: () => void }) {
  return (
    <DealEditor
      title={deal.title}
      subtitle={
        <>
          {deal.accountName ?? 'No account'} · created {formatRelative(deal.createdAt)}
        </>
      }
      initial={valuesFromDeal(deal)}
      submitLabel="Save changes"
      onClose={onClose}
      save={async (values, accountId) => {
        const patch = toPatch(deal, values, accountId);
        if (Object.keys(patch).length === 0) return 'Nothing to save';
        await api.deals.update({ id: deal.id, patch });
        return 'Deal saved';
      }}
    >
      <StageHistory moves={deal.stageHistory} />
    </DealEditor>
  );
}

interface DealEditorProps {
  title: string;
  subtitle?: ReactNode;
  initial: DealFormValues;
  submitLabel: string;
  /** Put the cursor in the name field (a new deal). */
  focusTitle?: boolean;
  onClose: () => void;
  /** Returns the confirmation to show. */
  save: (values: DealFormValues, accountId: string | null) => Promise<string>;
  children?: ReactNode;
}

function DealEditor({
  title,
  subtitle,
  initial,
  submitLabel,
  focusTitle,
  onClose,
  save,
  children,
}: DealEditorProps) {
  const [values, setValues] = useState(initial);
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
  const accounts = { data: accountQuery.data?.items };
  const stage = byId.get(values.stageId);

  const set = <K extends keyof DealFormValues>(key: K, value: DealFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key === 'accountName' ? 'account' : key]: undefined }));
  };

  /** The account the typed name means: the picked one, an exact match, or a new one. */
  const resolveAccount = async (): Promise<string | null> => {
    const name = values.accountName.trim();
    if (!name) return null;
    const known = (accounts.data ?? []).find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (
      values.accountId &&
      (!known || known.id === values.accountId) &&
      name === initial.accountName
    ) {
      return values.accountId;
    }
    if (known) return known.id;
    const created = await api.accounts.create({ name });
    return created.id;
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
      onClose();
    } catch (error) {
      if (error instanceof FormError) setErrors({ [error.field]: error.message });
      else if (error instanceof ApiError && formFieldFor(error.field)) {
        setErrors({ [formFieldFor(error.field)!]: error.message.replace(/^[\w.]+: [\w.]+: /, '') });
      } else toast.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  useShortcut(DEAL_COMMANDS.save, () => void submit(), { whileTyping: true, inDialog: true });

  const typedNewAccount =
    values.accountName.trim() !== '' &&
    accounts.data !== undefined &&
    !accounts.data.some((a) => a.name.toLowerCase() === values.accountName.trim().toLowerCase());

  return (
    <Sheet
      title={title}
      subtitle={subtitle}
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
            busy={saving}
            shortcut={keyLabel(DEAL_COMMANDS.save.keys)}
          >
            {submitLabel}
          </Button>
        </>
      }
    >
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
            const match = accounts.data?.find((a) => a.name === name);
            setValues((current) => ({
              ...current,
              accountName: name,
              accountId: match?.id ?? null,
            }));
            setErrors((current) => ({ ...current, account: undefined }));
          }}
        />
        <datalist id={accountListId}>
          {(accounts.data ?? []).map((account) => (
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
          error={errors.followUp}
          onChange={(e) => set('followUp', e.target.value)}
        />
      </form>
      {children}
    </Sheet>
  );
}

function StageHistory({ moves }: { moves: StageMove[] }) {
  const { byId } = useStages();
  const users = useUsers();
  const headingId = useId();
  const name = (id: string | null) => (users.data ?? []).find((u) => u.id === id)?.name;
  return (
    <section className={styles.history} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.sectionTitle}>
        Stage history
      </h3>
      <ol className={styles.timeline}>
        {[...moves].reverse().map((move) => {
          const to = byId.get(move.toStageId);
          const from = move.fromStageId ? byId.get(move.fromStageId) : undefined;
          return (
            <li key={move.id} className={styles.move}>
              <span className={styles.moveDot} aria-hidden />
              <div className={styles.moveBody}>
                <div className={styles.moveStages}>
                  {from ? (
                    <>
                      <StagePill name={from.name} phase={from.phaseId} />
                      <ArrowRight size={13} aria-label="to" />
                    </>
                  ) : (
                    <span className={styles.created}>Created in</span>
                  )}
                  {to && <StagePill name={to.name} phase={to.phaseId} />}
                </div>
                <div className={styles.moveMeta} title={formatDateTime(move.movedAt)}>
                  {formatRelative(move.movedAt)}
                  {name(move.movedBy) && ` · ${name(move.movedBy)}`}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
