import { CircleAlert, CircleCheck, Clock, UserRound, UsersRound } from 'lucide-react';
import { useId, useMemo } from 'react';
import type { ImportMapping, ImportPreview } from '../../../shared/contract';
import { useApiQuery, useAppInfo, useUsers } from '../../api';
import { Avatar } from '../../components/Avatar';
import {
  chooseRep,
  LEAVE_OUT,
  NO_REP,
  repChoice,
  unmatchedReps,
  zoneOffset,
  zoneOptions,
  type CallRunOptions,
} from './callOptions';
import styles from './CallSettings.module.css';

const number = new Intl.NumberFormat();
const plural = (count: number, one: string, many = `${one}s`) =>
  `${number.format(count)} ${count === 1 ? one : many}`;

/** The zone the time zone select starts on, and this computer's, for the list. */
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The people of the column matched to Rep (none when no column is), as the core found them. */
export function useDialerReps(preview: ImportPreview, mapping: ImportMapping) {
  const column =
    preview.kind === 'calls'
      ? (preview.headers.find((header) => mapping[header] === 'rep') ?? null)
      : null;
  const query = useApiQuery(
    'import.reps',
    { importId: preview.importId, column: column ?? '' },
    { enabled: column !== null },
  );
  return {
    column,
    reps: column === null ? [] : (query.data?.reps ?? []),
    pending: query.isPending,
  };
}

/**
 * The two questions of a call log besides its columns: in which zone its times were written, and
 * who on the team each dialer user is.
 */
export function CallSettings({
  preview,
  mapping,
  options,
  onOptions,
}: {
  preview: ImportPreview;
  mapping: ImportMapping;
  options: CallRunOptions;
  onOptions: (options: CallRunOptions) => void;
}) {
  const id = useId();
  const info = useAppInfo().data;
  const users = useUsers().data ?? [];
  const { column: repColumn, reps, pending } = useDialerReps(preview, mapping);
  const unmatched = unmatchedReps(reps, options.reps);
  const zones = useMemo(
    () => zoneOptions([preview.timeZone, info?.team?.timeZone, LOCAL_ZONE, 'UTC']),
    [preview.timeZone, info?.team?.timeZone],
  );
  const me = info?.currentUser?.name ?? 'you';
  const active = users.filter((user) => user.active);
  const names = new Map(users.map((user) => [user.id, user.name]));

  return (
    <section className={styles.card} aria-labelledby={`${id}-title`}>
      <header className={styles.header}>
        <h2 id={`${id}-title`} className={styles.title}>
          Time zone and reps
        </h2>
        <p className={styles.muted}>How the calls are read, and whose calls they are</p>
      </header>
      <div className={styles.body}>
        <div className={styles.zone}>
          <label htmlFor={`${id}-zone`} className={styles.label}>
            <Clock size={15} aria-hidden />
            Times in the file are in
          </label>
          <select
            id={`${id}-zone`}
            className={styles.select}
            aria-describedby={`${id}-zone-hint`}
            value={options.timeZone}
            onChange={(event) => onOptions({ ...options, timeZone: event.target.value })}
          >
            <optgroup label="Suggested">
              {zones.top.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')} ({zoneOffset(zone)})
                </option>
              ))}
            </optgroup>
            <optgroup label="All time zones">
              {zones.rest.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')} ({zoneOffset(zone)})
                </option>
              ))}
            </optgroup>
          </select>
          <p id={`${id}-zone-hint`} className={styles.hint}>
            {preview.timeZone === 'UTC' && options.timeZone === 'UTC'
              ? 'The file says its times are UTC. '
              : ''}
            A time such as 2026-03-02 09:15 is read in this zone; one with an offset (+01:00, Z)
            keeps its own. Dialers usually export in the zone of the account or of the person
            exporting.
          </p>
        </div>

        <div className={styles.reps}>
          <p className={styles.label} id={`${id}-reps`}>
            <UsersRound size={15} aria-hidden />
            Reps
          </p>
          {repColumn === null ? (
            <p className={styles.note}>
              No column is matched to Rep, so every call will be {me}’s. For a team’s call log,
              match the column with the dialer user (their email or name) to Rep.
            </p>
          ) : pending ? (
            <p className={styles.note}>Reading the people in “{repColumn}”…</p>
          ) : reps.length === 0 ? (
            <p className={styles.note}>
              “{repColumn}” is empty: the calls will be imported without a rep.
            </p>
          ) : (
            <>
              <p className={styles.summary} role="status">
                {unmatched.length === 0 ? (
                  <>
                    <CircleCheck size={15} aria-hidden className={styles.ok} />
                    {reps.length === 1
                      ? `The person in “${repColumn}” is on your team.`
                      : `All ${number.format(reps.length)} people in “${repColumn}” are settled.`}
                  </>
                ) : (
                  <>
                    <CircleAlert size={15} aria-hidden className={styles.warn} />
                    {plural(unmatched.length, 'person', 'people')} in “{repColumn}”{' '}
                    {unmatched.length === 1 ? 'is' : 'are'} not on your team: choose who they are,
                    or their{' '}
                    {plural(
                      unmatched.reduce((sum, rep) => sum + rep.calls, 0),
                      'call',
                    )}{' '}
                    will be left out and listed.
                  </>
                )}
              </p>
              <ul className={styles.repList} aria-labelledby={`${id}-reps`}>
                {reps.map((rep) => {
                  const choice = repChoice(rep, options.reps);
                  const leftOut = choice === LEAVE_OUT;
                  const member = names.get(choice);
                  return (
                    <li
                      key={rep.value}
                      className={styles.rep}
                      data-unmatched={leftOut || undefined}
                    >
                      <span className={styles.repName}>
                        {member ? (
                          <Avatar name={member} size={26} />
                        ) : (
                          <span className={styles.nobody} aria-hidden>
                            <UserRound size={14} />
                          </span>
                        )}
                        <span>
                          <span className={styles.repValue} title={rep.value}>
                            {rep.value}
                          </span>
                          <span className={styles.repCalls}>
                            {plural(rep.calls, 'call')}
                            {rep.userId
                              ? ' · found on the team'
                              : member
                                ? ' · matched by you'
                                : choice === NO_REP
                                  ? ' · imported without a rep'
                                  : ' · not on the team'}
                          </span>
                        </span>
                      </span>
                      <select
                        className={styles.select}
                        aria-label={`Calls of “${rep.value}” go to`}
                        value={choice}
                        onChange={(event) =>
                          onOptions({
                            ...options,
                            reps: chooseRep(options.reps, rep, event.target.value),
                          })
                        }
                      >
                        {!rep.userId && <option value={LEAVE_OUT}>Leave their calls out</option>}
                        {active.map((user) => (
                          <option key={user.id} value={user.id}>
                            {user.name}
                          </option>
                        ))}
                        <option value={NO_REP}>No rep (the team’s line)</option>
                      </select>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
