import { AlarmClock, Flame, Search, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useStages, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { StageOptions } from '../../components/StageOptions';
import { PIPELINE_COMMANDS } from './commands';
import styles from './FilterBar.module.css';
import type { FilterState } from './usePipelineFilters';

interface FilterBarProps {
  state: FilterState;
  update: (patch: Partial<FilterState>, options?: { replace?: boolean }) => void;
  clear: () => void;
  active: boolean;
  currency: string;
}

/** Filters of the board and the table; every change lands in the URL at once. */
export function FilterBar({ state, update, clear, active, currency }: FilterBarProps) {
  const { phases, stages } = useStages();
  const users = useUsers();
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(state.query);
  const [min, setMin] = useState(state.min);
  const [max, setMax] = useState(state.max);

  // Typed text follows the URL when the URL changes elsewhere (a saved view, the back button)…
  const [fromUrl, setFromUrl] = useState(state);
  if (fromUrl.query !== state.query || fromUrl.min !== state.min || fromUrl.max !== state.max) {
    setFromUrl(state);
    setQuery(state.query);
    setMin(state.min);
    setMax(state.max);
  }
  // …and goes to the URL 150 ms after the last key.
  useEffect(() => {
    if (query === state.query && min === state.min && max === state.max) return;
    const timer = setTimeout(() => update({ query, min, max }, { replace: true }), 150);
    return () => clearTimeout(timer);
  }, [query, min, max, state.query, state.min, state.max, update]);

  useShortcut(PIPELINE_COMMANDS.search, () => searchRef.current?.focus());

  return (
    <div className={styles.bar} role="search" aria-label="Filter deals">
      <label className={styles.search}>
        <Search size={15} aria-hidden />
        <span className="visually-hidden">Search deals</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search deals or accounts"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setQuery('');
              event.currentTarget.blur();
            }
          }}
        />
        <kbd className={styles.kbd} aria-hidden>
          {keyLabel(PIPELINE_COMMANDS.search.keys)}
        </kbd>
      </label>
      <select
        className={styles.select}
        aria-label="Owner"
        value={state.owner}
        onChange={(e) => update({ owner: e.target.value })}
      >
        <option value="">All owners</option>
        <option value="me">My deals</option>
        <option value="none">Unassigned</option>
        {(users.data ?? []).map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
      <select
        className={styles.select}
        aria-label="Phase"
        value={state.phase}
        onChange={(e) => update({ phase: e.target.value })}
      >
        <option value="">All phases</option>
        {phases.map((phase) => (
          <option key={phase.id} value={phase.id}>
            {phase.name}
          </option>
        ))}
      </select>
      <select
        className={styles.select}
        aria-label="Stage"
        value={state.stage}
        onChange={(e) => update({ stage: e.target.value })}
      >
        <option value="">All stages</option>
        <StageOptions phases={phases} stages={stages} />
      </select>
      <div className={styles.range} role="group" aria-label={`Value in ${currency}`}>
        <input
          aria-label="Minimum value"
          inputMode="decimal"
          placeholder={`Min ${currency}`}
          value={min}
          onChange={(e) => setMin(e.target.value)}
        />
        <span aria-hidden>–</span>
        <input
          aria-label="Maximum value"
          inputMode="decimal"
          placeholder="Max"
          value={max}
          onChange={(e) => setMax(e.target.value)}
        />
      </div>
      <button
        type="button"
        className={styles.toggle}
        aria-pressed={state.rotting}
        onClick={() => update({ rotting: !state.rotting })}
        title="Open deals with no activity for longer than their stage allows"
      >
        <Flame size={14} aria-hidden /> Rotting
      </button>
      <button
        type="button"
        className={styles.toggle}
        aria-pressed={state.due}
        onClick={() => update({ due: !state.due })}
        title="Deals whose follow-up is overdue or due today"
      >
        <AlarmClock size={14} aria-hidden /> Follow-up due
      </button>
      {active && (
        <button type="button" className={styles.clear} onClick={clear}>
          <X size={14} aria-hidden /> Clear
        </button>
      )}
    </div>
  );
}
