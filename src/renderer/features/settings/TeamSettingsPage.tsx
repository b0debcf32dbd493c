import { useQueryClient } from '@tanstack/react-query';
import {
  ArrowRight,
  CircleAlert,
  Clock,
  Lock,
  PhoneCall,
  PhoneForwarded,
  RotateCcw,
  Sparkles,
  TriangleAlert,
} from 'lucide-react';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import {
  PHONE_SCHEMES,
  type PhoneScheme,
  type SettingsState,
} from '../../../shared/contract/settings';
import { DEFAULT_FOLLOW_UP_RULES } from '../../../shared/domain/followUpRules';
import { api, useApiQuery, useAppInfo, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import { formatRelative } from '../../lib/format';
import { knownTimeZone, myTimeZone } from '../calls/callText';
import { phoneHref } from '../calls/phoneLink';
import { TEAM_SETTINGS_COMMANDS } from './commands';
import {
  WEEKDAYS,
  describeDays,
  formFieldOf,
  fromForm,
  ruleExamples,
  toForm,
  type FormErrors,
  type RulesForm,
  type RulesFormField,
} from './followUpRulesForm';
import styles from './TeamSettingsPage.module.css';

const SCHEMES: Record<PhoneScheme, { title: string; text: string }> = {
  'tel:': {
    title: 'Phone app',
    text: 'Opens the system’s phone app: iPhone or FaceTime on a Mac, Phone Link on Windows, or a desk phone’s companion app.',
  },
  'callto:': {
    title: 'Skype or Teams',
    text: 'Opens Skype or Microsoft Teams, whichever is set to handle calls on the laptop.',
  },
  'sip:': {
    title: 'Softphone (SIP)',
    text: 'Opens a SIP softphone such as Zoiper, Linphone or your phone system’s app.',
  },
};

const SAMPLE_NUMBER = '+49 30 1234567';

/** `#/settings/team`: the follow-up rules and how the Call buttons dial, for the whole team. */
export function TeamSettingsPage() {
  const settings = useApiQuery('settings.get', {});
  return (
    <div className={styles.page}>
      {settings.isError && !settings.data ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="Team settings cannot be shown">
          {settings.error.message}
          <div className={styles.retry}>
            <Button size="sm" onClick={() => void settings.refetch()}>
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !settings.data ? (
        <div className={styles.loading} aria-busy>
          <Skeleton height={28} width={220} />
          <Skeleton height={14} width="60%" />
          <Skeleton height={160} />
          <Skeleton height={240} />
        </div>
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </div>
  );
}

function SettingsForm({ settings }: { settings: SettingsState }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const info = useAppInfo();
  const [base, setBase] = useState(settings);
  const [form, setForm] = useState<RulesForm>(() => toForm(settings.followUpRules));
  const [scheme, setScheme] = useState<PhoneScheme>(settings.phoneScheme);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);

  const savedForm = useMemo(() => toForm(base.followUpRules), [base]);
  const rulesDirty = JSON.stringify(form) !== JSON.stringify(savedForm);
  const schemeDirty = scheme !== base.phoneScheme;
  const dirty = rulesDirty || schemeDirty;
  const editable = settings.canEdit;

  // A change that arrives from another laptop shows at once, unless someone is typing here.
  if (settings !== base) {
    if (!dirty) {
      setForm(toForm(settings.followUpRules));
      setScheme(settings.phoneScheme);
    }
    setBase(settings);
  }

  const parsed = useMemo(() => fromForm(form), [form]);
  // The form starts valid: whatever is wrong now was just typed, and is said at once.
  const errors: FormErrors = { ...parsed.errors, ...serverErrors };
  const teamZone = knownTimeZone(info.data?.team?.timeZone);
  const exampleZone = teamZone ?? myTimeZone();
  const examples = useMemo(
    () => (parsed.rules ? ruleExamples(parsed.rules, exampleZone) : null),
    [parsed.rules, exampleZone],
  );

  const change = <F extends RulesFormField>(field: F, value: RulesForm[F]) => {
    setForm((current) => ({ ...current, [field]: value }));
    setServerErrors(({ [field]: _answered, ...rest }) => rest);
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!editable || saving || !dirty) return;
    if (rulesDirty && !parsed.rules) {
      toast.error('Some rules need fixing before they can be saved');
      return;
    }
    setSaving(true);
    try {
      const saved = await api.settings.update({
        ...(rulesDirty && parsed.rules ? { followUpRules: parsed.rules } : {}),
        ...(schemeDirty ? { phoneScheme: scheme } : {}),
      });
      queryClient.setQueryData(['settings.get', {}], saved);
      setBase(saved);
      setForm(toForm(saved.followUpRules));
      setScheme(saved.phoneScheme);
      toast.success('Team settings saved: every laptop uses them from its next sync');
    } catch (error) {
      const field = error instanceof ApiError ? formFieldOf(error.field) : undefined;
      const message =
        error instanceof Error ? error.message.replace(/^[\w.]+: [\w.[\]]+: /, '') : String(error);
      if (field) setServerErrors({ [field]: message.charAt(0).toUpperCase() + message.slice(1) });
      toast.error(`Not saved: ${message}`);
    } finally {
      setSaving(false);
    }
  };

  useShortcut(TEAM_SETTINGS_COMMANDS.save, () => void save(), {
    whileTyping: true,
    enabled: editable,
  });

  const resetToDefaults = () => {
    setForm(toForm(DEFAULT_FOLLOW_UP_RULES));
    setScheme('tel:');
    setServerErrors({});
  };
  const discard = () => {
    setForm(savedForm);
    setScheme(base.phoneScheme);
    setServerErrors({});
  };
  const isDefault =
    JSON.stringify(form) === JSON.stringify(toForm(DEFAULT_FOLLOW_UP_RULES)) && scheme === 'tel:';

  return (
    <>
      <header className={styles.header}>
        <div>
          <h1>Team settings</h1>
          <p>
            How the team follows up after calls and how the Call buttons dial. They apply to
            everyone’s laptop from its next sync.
          </p>
          {settings.updatedAt !== null && (
            <p className={styles.changed}>
              Last changed
              {settings.updatedBy ? ` by ${settings.updatedBy}` : ''}{' '}
              {formatRelative(settings.updatedAt)}
            </p>
          )}
        </div>
      </header>
      {!editable && <ReadOnlyNote />}
      {settings.unreadableRules.length > 0 && (
        <p className={styles.warning} role="note">
          <TriangleAlert size={16} aria-hidden />
          <span>
            Some stored rules were written by another version of the app and could not be read (
            {settings.unreadableRules.join(', ')}). The defaults stand in for them
            {editable ? ' until you save.' : '.'}
          </span>
        </p>
      )}

      <div className={styles.layout}>
        <form className={styles.form} aria-label="Team settings" onSubmit={(e) => void save(e)}>
          <Card
            icon={<Clock />}
            title="Working hours"
            text="Follow-ups are planned inside these hours, on the customer’s own clock (the team’s time zone when a contact has none), so nobody is asked to call at 23:00 their time."
          >
            <fieldset className={styles.days} disabled={!editable}>
              <legend className={styles.legend}>Working days</legend>
              <div className={styles.dayButtons}>
                {WEEKDAYS.map(({ day, short, name }) => {
                  const on = form.days.includes(day);
                  return (
                    <button
                      key={day}
                      type="button"
                      className={styles.day}
                      aria-pressed={on}
                      aria-label={name}
                      title={name}
                      onClick={() =>
                        change(
                          'days',
                          on ? form.days.filter((d) => d !== day) : [...form.days, day],
                        )
                      }
                    >
                      {short}
                    </button>
                  );
                })}
              </div>
              <FieldErrors errors={errors} fields={['days']} />
            </fieldset>
            <Sentence errors={errors} fields={['start', 'end']}>
              Calls are planned from{' '}
              <TimeInput
                label="Working day starts at"
                field="start"
                {...{ form, change, errors, editable }}
              />{' '}
              to{' '}
              <TimeInput
                label="Working day ends at"
                field="end"
                {...{ form, change, errors, editable }}
              />{' '}
              ({describeDays(form.days) || 'no days yet'}).
            </Sentence>
          </Card>

          <Card
            icon={<PhoneForwarded />}
            title="After a call"
            text="When a call ends, the app proposes the next follow-up from its outcome. The rep can move or drop it."
          >
            <Rule outcome="No answer" tone="neutral">
              <Sentence
                errors={errors}
                fields={['noAnswerRetryMinutes', 'noAnswerMorningAt', 'noAnswerGiveUpAfter']}
              >
                Try again after{' '}
                <NumberInput
                  label="No answer: minutes until the retry"
                  field="noAnswerRetryMinutes"
                  max={1440}
                  {...{ form, change, errors, editable }}
                />{' '}
                minutes, then the next working morning at{' '}
                <TimeInput
                  label="No answer: next working morning at"
                  field="noAnswerMorningAt"
                  {...{ form, change, errors, editable }}
                />
                ; stop after{' '}
                <NumberInput
                  label="No answer: stop after this many unanswered calls"
                  field="noAnswerGiveUpAfter"
                  max={50}
                  {...{ form, change, errors, editable }}
                />{' '}
                unanswered calls in a row.
              </Sentence>
            </Rule>
            <Rule outcome="Busy" tone="neutral">
              <Sentence errors={errors} fields={['busyRetryMinutes']}>
                Try again after{' '}
                <NumberInput
                  label="Busy: minutes until the retry"
                  field="busyRetryMinutes"
                  max={1440}
                  {...{ form, change, errors, editable }}
                />{' '}
                minutes.
              </Sentence>
            </Rule>
            <Rule outcome="Voicemail" tone="neutral">
              <Sentence errors={errors} fields={['voicemailAt']}>
                Follow up the next working day at{' '}
                <TimeInput
                  label="Voicemail: next working day at"
                  field="voicemailAt"
                  {...{ form, change, errors, editable }}
                />
                .
              </Sentence>
            </Rule>
            <Rule outcome="Connected" tone="good">
              <Sentence errors={errors} fields={['connectedDays', 'connectedAt']}>
                On the date the customer named; without one, check in after{' '}
                <NumberInput
                  label="Connected: working days until the check-in"
                  field="connectedDays"
                  max={30}
                  {...{ form, change, errors, editable }}
                />{' '}
                working days at{' '}
                <TimeInput
                  label="Connected: check in at"
                  field="connectedAt"
                  {...{ form, change, errors, editable }}
                />
                .
              </Sentence>
            </Rule>
          </Card>

          <Card
            icon={<Sparkles />}
            title="New leads"
            text="Speed to lead decides deals: a lead called within minutes is far more often reached."
          >
            <Sentence errors={errors} fields={['newLeadMinutes']}>
              Call a new lead within{' '}
              <NumberInput
                label="New lead: call within minutes"
                field="newLeadMinutes"
                max={1440}
                {...{ form, change, errors, editable }}
              />{' '}
              minutes, or first thing in their morning when it arrives after hours.
            </Sentence>
          </Card>

          <Card
            icon={<PhoneCall />}
            title="Dialling"
            text="The Call buttons open a phone link; the laptop hands it to the app that handles that kind of link."
          >
            <fieldset className={styles.schemes} disabled={!editable}>
              <legend className={styles.legend}>How the Call button dials</legend>
              {PHONE_SCHEMES.map((value) => (
                <label
                  key={value}
                  className={styles.scheme}
                  data-checked={scheme === value || undefined}
                >
                  <input
                    type="radio"
                    name="phone-scheme"
                    value={value}
                    checked={scheme === value}
                    onChange={() => setScheme(value)}
                  />
                  <span className={styles.schemeText}>
                    <span className={styles.schemeTitle}>
                      {SCHEMES[value].title} <code>{value}</code>
                    </span>
                    <span className={styles.schemeHint}>{SCHEMES[value].text}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <p className={styles.schemeExample}>
              A Call button for {SAMPLE_NUMBER} opens{' '}
              <code>{phoneHref(SAMPLE_NUMBER, scheme)}</code>
            </p>
          </Card>

          {editable && (
            <div className={styles.saveBar} data-dirty={dirty || undefined}>
              <Button
                variant="ghost"
                icon={<RotateCcw />}
                disabled={isDefault || saving}
                onClick={resetToDefaults}
              >
                Reset to defaults
              </Button>
              <span className={styles.saveState} aria-live="polite">
                {dirty ? 'Unsaved changes' : 'All changes saved'}
              </span>
              <Button disabled={!dirty || saving} onClick={discard}>
                Discard
              </Button>
              <Button
                type="submit"
                variant="primary"
                busy={saving}
                disabled={!dirty}
                shortcut={keyLabel(TEAM_SETTINGS_COMMANDS.save.keys)}
              >
                Save changes
              </Button>
            </div>
          )}
        </form>

        <Examples
          examples={examples}
          zone={exampleZone}
          isTeamZone={teamZone !== null}
          hours={parsed.rules?.workingHours}
        />
      </div>
    </>
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
        Only managers and admins can change team settings
        {names ? ` — ask ${names}` : ''}. These are the rules your calls follow.
      </span>
    </p>
  );
}

function Card({
  icon,
  title,
  text,
  children,
}: {
  icon: ReactNode;
  title: string;
  text: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className={styles.card} aria-labelledby={id}>
      <header className={styles.cardHeader}>
        <span className={styles.cardIcon} aria-hidden>
          {icon}
        </span>
        <div>
          <h2 id={id}>{title}</h2>
          <p>{text}</p>
        </div>
      </header>
      <div className={styles.cardBody}>{children}</div>
    </section>
  );
}

function Rule({
  outcome,
  tone,
  children,
}: {
  outcome: string;
  tone: 'good' | 'neutral';
  children: ReactNode;
}) {
  return (
    <div className={styles.rule}>
      <span className={styles.outcome} data-tone={tone}>
        {outcome}
      </span>
      <div className={styles.ruleText}>{children}</div>
    </div>
  );
}

/** A sentence with inputs in it, and the errors of those inputs underneath. */
function Sentence({
  errors,
  fields,
  children,
}: {
  errors: FormErrors;
  fields: RulesFormField[];
  children: ReactNode;
}) {
  return (
    <div>
      <p className={styles.sentence}>{children}</p>
      <FieldErrors errors={errors} fields={fields} />
    </div>
  );
}

const errorId = (field: RulesFormField) => `team-settings-error-${field}`;

function FieldErrors({ errors, fields }: { errors: FormErrors; fields: RulesFormField[] }) {
  const shown = fields.filter((field) => errors[field]);
  if (shown.length === 0) return null;
  return (
    <ul className={styles.errors}>
      {shown.map((field) => (
        <li key={field} id={errorId(field)} role="alert">
          {errors[field]}
        </li>
      ))}
    </ul>
  );
}

interface InputProps<F extends RulesFormField> {
  label: string;
  field: F;
  form: RulesForm;
  change: (field: F, value: string) => void;
  errors: FormErrors;
  editable: boolean;
}

function NumberInput({
  label,
  field,
  form,
  change,
  errors,
  editable,
  max,
}: InputProps<Exclude<RulesFormField, 'days'>> & { max: number }) {
  return (
    <input
      type="number"
      inputMode="numeric"
      min={1}
      max={max}
      step={1}
      className={`${styles.inline} ${styles.number}`}
      aria-label={label}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={errors[field] ? errorId(field) : undefined}
      value={form[field]}
      disabled={!editable}
      onChange={(event) => change(field, event.target.value)}
    />
  );
}

function TimeInput({
  label,
  field,
  form,
  change,
  errors,
  editable,
}: InputProps<Exclude<RulesFormField, 'days'>>) {
  return (
    <input
      type="time"
      className={`${styles.inline} ${styles.time}`}
      aria-label={label}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={errors[field] ? errorId(field) : undefined}
      value={form[field]}
      disabled={!editable}
      onChange={(event) => change(field, event.target.value)}
    />
  );
}

function Examples({
  examples,
  zone,
  isTeamZone,
  hours,
}: {
  examples: ReturnType<typeof ruleExamples> | null;
  zone: string;
  isTeamZone: boolean;
  hours: { days: number[]; start: string; end: string } | undefined;
}) {
  const id = useId();
  return (
    <aside className={styles.examples} aria-labelledby={id}>
      <h2 id={id}>What the rules propose</h2>
      <p className={styles.examplesIntro}>
        {hours
          ? `Working ${describeDays(hours.days)}, ${hours.start}–${hours.end}. Times on a ${zone} clock${isTeamZone ? ' (the team’s zone)' : ''}; each customer’s own zone is used for real calls.`
          : 'Fix the highlighted rules to see what they propose.'}
      </p>
      {examples && (
        <ol className={styles.exampleList} aria-label="Examples">
          {examples.map((example) => (
            <li key={example.situation} className={styles.example}>
              <span className={styles.situation}>{example.situation}</span>
              <span className={styles.outcomeLine}>
                <ArrowRight size={13} aria-hidden />
                <strong data-none={example.outcome === 'No follow-up' || undefined}>
                  {example.outcome}
                </strong>
              </span>
              <span className={styles.reason}>{example.reason}</span>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
