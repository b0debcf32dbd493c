import { useQueryClient } from '@tanstack/react-query';
import {
  Bot,
  CircleAlert,
  KeyRound,
  Lock,
  RotateCcw,
  Scale,
  Swords,
  TriangleAlert,
} from 'lucide-react';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { ApiError } from '../../../shared/contract/errors';
import { DIMENSIONS } from '../../../shared/scoring/catalog';
import { DEFAULT_SCORING_CONFIG, DIMENSION_IDS } from '../../../shared/scoring/config';
import { api, useApiQuery, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { SecretField, TextField } from '../../components/Field';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import { ChipsField } from '../campaigns/ChipsField';
import { SCORING_SETTINGS_COMMANDS } from './commands';
import {
  formWeights,
  fromScoringForm,
  scoringFormField,
  toScoringForm,
  type ScoringForm,
  type ScoringFormErrors,
} from './scoringForm';
import { errorSentence, weightShares } from './scoreText';
import styles from './ScoringSettingsPage.module.css';

type Settings = MethodOutput<'scoring.settings'>;

const COMPETITOR_SUGGESTIONS = [
  'Salesforce',
  'HubSpot',
  'Pipedrive',
  'Close',
  'Zoho',
  'Monday.com',
  'Freshsales',
  'Copper',
];

/** `#/settings/scoring`: what a call's score is made of, and the optional remote scorer. */
export function ScoringSettingsPage() {
  const settings = useApiQuery('scoring.settings', {});
  return (
    <div className={styles.page}>
      {settings.isError && !settings.data ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="Scoring settings cannot be shown">
          {errorSentence(settings.error)}
          <div className={styles.retry}>
            <Button size="sm" onClick={() => void settings.refetch()}>
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !settings.data ? (
        <div className={styles.loading} aria-busy aria-label="Loading the scoring settings">
          <Skeleton height={28} width={240} />
          <Skeleton height={14} width="60%" />
          <Skeleton height={320} />
          <Skeleton height={200} />
        </div>
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </div>
  );
}

function Card({
  icon,
  title,
  text,
  children,
  labelId,
}: {
  icon: ReactNode;
  title: string;
  text: ReactNode;
  children: ReactNode;
  labelId: string;
}) {
  return (
    <section className={styles.card} aria-labelledby={labelId}>
      <div className={styles.cardHeader}>
        <span className={styles.cardIcon}>{icon}</span>
        <div>
          <h2 id={labelId}>{title}</h2>
          <p>{text}</p>
        </div>
      </div>
      <div className={styles.cardBody}>{children}</div>
    </section>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(settings);
  const [form, setForm] = useState<ScoringForm>(() => toScoringForm(settings));
  const [serverErrors, setServerErrors] = useState<ScoringFormErrors>({});
  const [saving, setSaving] = useState(false);
  const editable = settings.canEdit;
  const ids = {
    weights: useId(),
    competitors: useId(),
    remote: useId(),
    remoteSwitch: useId(),
  };

  const saved = useMemo(() => toScoringForm(base), [base]);
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  // A change from another laptop shows at once, unless someone is editing here.
  if (settings !== base) {
    if (!dirty) setForm(toScoringForm(settings));
    setBase(settings);
  }

  const parsed = useMemo(() => fromScoringForm(form, base), [form, base]);
  const errors: ScoringFormErrors = { ...parsed.errors, ...serverErrors };
  const shares = weightShares(formWeights(form));

  const change = (patch: Partial<ScoringForm>, fields: string[] = []) => {
    setForm((current) => ({ ...current, ...patch }));
    if (fields.length > 0) {
      setServerErrors((current) => {
        const next = { ...current };
        for (const field of fields) delete next[field as keyof ScoringFormErrors];
        return next;
      });
    }
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!editable || saving || !dirty) return;
    if (!parsed.update) {
      if (Object.keys(parsed.errors).length > 0) toast.error('Some fields need fixing first');
      else setForm(saved);
      return;
    }
    setSaving(true);
    try {
      const result = await api.scoring.update(parsed.update);
      await queryClient.invalidateQueries({
        predicate: (query) => {
          const method = String(query.queryKey[0]);
          return (
            method.startsWith('scoring.') || method.startsWith('scores.') || method === 'calls.get'
          );
        },
      });
      const fresh = await api.scoring.settings({});
      queryClient.setQueryData(['scoring.settings', {}], fresh);
      setBase(fresh);
      setForm(toScoringForm(fresh));
      setServerErrors({});
      toast.success(
        parsed.update.config
          ? `Saved as version ${result.configVersion}: ${result.rescored} ${result.rescored === 1 ? 'call was' : 'calls were'} scored again`
          : 'Scoring settings saved',
      );
    } catch (error) {
      const field = error instanceof ApiError ? scoringFormField(error.field) : undefined;
      const message = errorSentence(error);
      if (field) setServerErrors({ [field]: message });
      toast.error(`Not saved: ${message}`);
    } finally {
      setSaving(false);
    }
  };
  useShortcut(SCORING_SETTINGS_COMMANDS.save, () => void save(), {
    whileTyping: true,
    enabled: editable,
  });

  const defaultWeights = () =>
    change(
      {
        weights: Object.fromEntries(
          DIMENSION_IDS.map((id) => [id, String(DEFAULT_SCORING_CONFIG.weights[id])]),
        ) as ScoringForm['weights'],
      },
      DIMENSION_IDS.map((id) => `weights.${id}`),
    );

  return (
    <>
      <header className={styles.header}>
        <h1>Call scoring</h1>
        <p>
          What a call’s score is made of, and who scores it. A change applies to every laptop from
          its next sync, and every call is scored again with it.
        </p>
        <p className={styles.version}>Config version {settings.configVersion}</p>
      </header>
      {!editable && <ReadOnlyNote />}
      {settings.problems.length > 0 && (
        <p className={styles.warning} role="note">
          <TriangleAlert size={16} aria-hidden />
          <span>
            Parts of the stored config were written by another version of the app and could not be
            read; the defaults stand in for them: {settings.problems.join('; ')}.
          </span>
        </p>
      )}
      <form className={styles.form} onSubmit={(event) => void save(event)} noValidate>
        <fieldset className={styles.fieldset} disabled={!editable}>
          <Card
            icon={<Scale />}
            title="Weights"
            labelId={ids.weights}
            text="How much each dimension counts in the overall score. 0 keeps it on the call page without counting it: use that where no study links the number to won deals."
          >
            <div className={styles.weights} role="table" aria-label="Weights of the dimensions">
              <div className={styles.weightHead} role="row">
                <span role="columnheader">Dimension</span>
                <span role="columnheader">Weight</span>
                <span role="columnheader" className={styles.shareHead}>
                  Share of the score
                </span>
              </div>
              {DIMENSION_IDS.map((id) => {
                const info = DIMENSIONS[id];
                const error = errors[`weights.${id}`];
                const share = shares[id] ?? 0;
                return (
                  <div
                    key={id}
                    className={styles.weightRow}
                    role="row"
                    data-off={share === 0 || undefined}
                  >
                    <span role="cell" className={styles.weightName}>
                      <span>{info.label}</span>
                      <span className={styles.weightSource} title={info.benchmark.source}>
                        {info.benchmark.target}
                      </span>
                    </span>
                    <span role="cell" className={styles.weightInputs}>
                      <input
                        type="range"
                        min={0}
                        max={5}
                        step={0.5}
                        value={Math.min(5, formWeights(form)[id])}
                        aria-label={`${info.label} weight (slider)`}
                        tabIndex={-1}
                        onChange={(event) =>
                          change({ weights: { ...form.weights, [id]: event.target.value } }, [
                            `weights.${id}`,
                          ])
                        }
                      />
                      <input
                        type="number"
                        min={0}
                        max={100}
                        step={0.5}
                        inputMode="decimal"
                        className={styles.number}
                        value={form.weights[id]}
                        aria-label={`${info.label} weight`}
                        aria-invalid={error ? true : undefined}
                        onChange={(event) =>
                          change({ weights: { ...form.weights, [id]: event.target.value } }, [
                            `weights.${id}`,
                          ])
                        }
                      />
                      {error && (
                        <span className={styles.inlineError} role="alert">
                          {error}
                        </span>
                      )}
                    </span>
                    <span role="cell" className={styles.share}>
                      {share === 0 ? (
                        <span className={styles.notCounted}>not counted</span>
                      ) : (
                        <>
                          <span className={styles.shareTrack}>
                            <span style={{ width: `${share * 100}%` }} />
                          </span>
                          {Math.round(share * 100)}%
                        </>
                      )}
                    </span>
                  </div>
                );
              })}
            </div>
            {editable && (
              <div>
                <Button size="sm" variant="ghost" icon={<RotateCcw />} onClick={defaultWeights}>
                  Default weights
                </Button>
              </div>
            )}
          </Card>

          <Card
            icon={<Swords />}
            title="Competitors"
            labelId={ids.competitors}
            text="Names as customers say them. Each mention is counted and quoted on the call page; mentions late in a call are flagged."
          >
            <ChipsField
              label="Competitors"
              values={form.competitors}
              draft={form.competitorDraft}
              suggestions={COMPETITOR_SUGGESTIONS}
              placeholder="Type a name and press Enter"
              hint="Press Enter or a comma after each name."
              error={errors.competitors}
              onChange={(competitors, competitorDraft) =>
                change({ competitors, competitorDraft }, ['competitors'])
              }
            />
          </Card>

          <Card
            icon={<Bot />}
            title="Remote scorer"
            labelId={ids.remote}
            text="Optional: an OpenAI-compatible model also judges objection handling, next steps and discovery. It gets the transcript; if it fails or takes too long, the local rules score the call and the call page says so."
          >
            <div className={styles.switch}>
              <input
                id={ids.remoteSwitch}
                type="checkbox"
                role="switch"
                checked={form.remoteEnabled}
                aria-describedby={`${ids.remoteSwitch}-hint`}
                onChange={(event) => change({ remoteEnabled: event.target.checked })}
              />
              <span>
                <label htmlFor={ids.remoteSwitch}>Use the remote scorer</label>
                <span id={`${ids.remoteSwitch}-hint`} className={styles.muted}>
                  {form.remoteEnabled
                    ? 'Calls are sent to the endpoint below to be scored.'
                    : 'Calls are scored on each laptop by the local rules; nothing leaves it.'}
                </span>
              </span>
            </div>
            <div className={styles.remoteFields} data-off={!form.remoteEnabled || undefined}>
              <TextField
                label="Endpoint"
                value={form.endpoint}
                placeholder="https://api.openai.com/v1"
                hint="The API base; /chat/completions is added."
                error={errors.endpoint}
                onChange={(event) => change({ endpoint: event.target.value }, ['endpoint'])}
              />
              <div className={styles.twoFields}>
                <TextField
                  label="Model"
                  value={form.model}
                  placeholder="gpt-4o-mini"
                  error={errors.model}
                  onChange={(event) => change({ model: event.target.value }, ['model'])}
                />
                <TextField
                  label="Timeout (seconds)"
                  type="number"
                  min={1}
                  max={120}
                  value={form.timeout}
                  hint="Then the local rules score the call."
                  error={errors.timeout}
                  onChange={(event) => change({ timeout: event.target.value }, ['timeout'])}
                />
              </div>
              <ApiKey
                hasKey={settings.remote.hasKey}
                form={form}
                error={errors.apiKey}
                editable={editable}
                onChange={(patch) => change(patch, ['apiKey'])}
              />
            </div>
          </Card>
        </fieldset>

        {editable && (
          <div className={styles.saveBar} data-dirty={dirty || undefined}>
            <span className={styles.saveState} aria-live="polite">
              {dirty
                ? parsed.update?.config
                  ? 'Unsaved changes: saving scores every call again'
                  : 'Unsaved changes'
                : 'All changes saved'}
            </span>
            <Button
              disabled={!dirty || saving}
              onClick={() => (setForm(saved), setServerErrors({}))}
            >
              Discard
            </Button>
            <Button
              type="submit"
              variant="primary"
              busy={saving}
              disabled={!dirty}
              shortcut={keyLabel(SCORING_SETTINGS_COMMANDS.save.keys)}
            >
              Save changes
            </Button>
          </div>
        )}
      </form>
    </>
  );
}

function ApiKey({
  hasKey,
  form,
  error,
  editable,
  onChange,
}: {
  hasKey: boolean;
  form: ScoringForm;
  error?: string;
  editable: boolean;
  onChange: (patch: Partial<ScoringForm>) => void;
}) {
  if (form.keyAction === 'replace' || (!hasKey && form.keyAction !== 'forget')) {
    return (
      <div className={styles.keyEdit}>
        <SecretField
          label="API key"
          revealLabel="Show the key"
          value={form.apiKey}
          autoComplete="off"
          placeholder={hasKey ? 'The new key' : 'sk-…'}
          hint="Kept on this laptop only, outside the synced database: each laptop that scores remotely needs its own."
          error={error}
          onChange={(event) =>
            onChange({
              apiKey: event.target.value,
              keyAction: event.target.value ? 'replace' : hasKey ? 'replace' : 'keep',
            })
          }
        />
        {hasKey && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange({ keyAction: 'keep', apiKey: '' })}
          >
            Keep the saved key
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className={styles.keyState} data-forget={form.keyAction === 'forget' || undefined}>
      <KeyRound size={16} aria-hidden />
      <span className={styles.keyText}>
        {form.keyAction === 'forget'
          ? 'The key will be forgotten on this laptop when you save.'
          : 'A key is saved on this laptop.'}
      </span>
      {editable &&
        (form.keyAction === 'forget' ? (
          <Button size="sm" variant="ghost" onClick={() => onChange({ keyAction: 'keep' })}>
            Keep it
          </Button>
        ) : (
          <>
            <Button size="sm" onClick={() => onChange({ keyAction: 'replace', apiKey: '' })}>
              Replace the key
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() => onChange({ keyAction: 'forget', apiKey: '' })}
            >
              Forget the key
            </Button>
          </>
        ))}
    </div>
  );
}

function ReadOnlyNote() {
  const users = useUsers();
  const editors = (users.data ?? [])
    .filter((u) => u.active && (u.role === 'manager' || u.role === 'admin'))
    .map((u) => u.name);
  const names =
    editors.length > 1
      ? `${editors.slice(0, -1).join(', ')} or ${editors[editors.length - 1]}`
      : editors[0];
  return (
    <p className={styles.readOnly} role="note">
      <Lock size={15} aria-hidden />
      <span>
        Only managers and admins can change how calls are scored{names ? ` — ask ${names}` : ''}.
        These are the weights your calls are scored with.
      </span>
    </p>
  );
}
