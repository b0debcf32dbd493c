import { ChevronLeft, ChevronRight, Plus, Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useApiQuery, useStages, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { StageOptions } from '../../components/StageOptions';
import { DEAL_COMMANDS } from './commands';
import { DealsTable } from './DealsTable';
import styles from './DealsPage.module.css';
import { PAGE_SIZE, useDealListState } from './useDealListState';

const number = new Intl.NumberFormat();

export function DealsPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const openNewDeal = () => navigate({ pathname: '/deals/new', search: location.search });
  const { state, update, input } = useDealListState();
  const deals = useApiQuery('deals.list', input);
  const { phases, stages } = useStages();
  const users = useUsers();
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState(state.query);

  // Type freely; the list follows 150 ms after the last key.
  useEffect(() => {
    if (search === state.query) return;
    const timer = setTimeout(() => update({ query: search }), 150);
    return () => clearTimeout(timer);
  }, [search, state.query, update]);

  const total = deals.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : state.page * PAGE_SIZE + 1;
  const last = Math.min(total, (state.page + 1) * PAGE_SIZE);
  const canGoBack = state.page > 0;
  const canGoOn = state.page + 1 < pages;

  useShortcut(DEAL_COMMANDS.newDeal, openNewDeal);
  useShortcut(DEAL_COMMANDS.search, () => searchRef.current?.focus());
  useShortcut(DEAL_COMMANDS.nextPage, () => canGoOn && update({ page: state.page + 1 }));
  useShortcut(DEAL_COMMANDS.previousPage, () => canGoBack && update({ page: state.page - 1 }));

  const filtered = Boolean(state.query || state.stageId || state.ownerId);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.heading}>
          <h1 className={styles.title}>Deals</h1>
          {deals.data && (
            <span className={styles.count} aria-label={`${number.format(total)} deals`}>
              {number.format(total)}
            </span>
          )}
        </div>
        <Button
          variant="primary"
          icon={<Plus />}
          shortcut={keyLabel(DEAL_COMMANDS.newDeal.keys)}
          onClick={openNewDeal}
        >
          New deal
        </Button>
      </header>

      <div className={styles.toolbar} role="search">
        <label className={styles.search}>
          <Search size={15} aria-hidden />
          <span className="visually-hidden">Search deals</span>
          <input
            ref={searchRef}
            type="search"
            placeholder="Search deals or accounts"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setSearch('');
                event.currentTarget.blur();
              }
            }}
          />
          <kbd className={styles.kbd} aria-hidden>
            /
          </kbd>
        </label>
        <select
          className={styles.filter}
          aria-label="Stage"
          value={state.stageId}
          onChange={(event) => update({ stageId: event.target.value })}
        >
          <option value="">All stages</option>
          <StageOptions phases={phases} stages={stages} />
        </select>
        <select
          className={styles.filter}
          aria-label="Owner"
          value={state.ownerId}
          onChange={(event) => update({ ownerId: event.target.value })}
        >
          <option value="">All owners</option>
          <option value="none">Unassigned</option>
          {(users.data ?? []).map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
        {filtered && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setSearch('');
              update({ query: '', stageId: '', ownerId: '' });
            }}
          >
            Clear filters
          </Button>
        )}
      </div>

      <div className={styles.tableCard}>
        <DealsTable
          query={deals}
          sort={state.sort}
          onSort={(sort) => update({ sort })}
          filtered={filtered}
          onNewDeal={openNewDeal}
        />
        <footer className={styles.pager}>
          <span aria-live="polite">
            {total === 0
              ? 'No deals'
              : `${number.format(first)}–${number.format(last)} of ${number.format(total)}`}
          </span>
          <div className={styles.pagerButtons}>
            <Button
              size="sm"
              icon={<ChevronLeft />}
              aria-label="Previous page"
              disabled={!canGoBack}
              onClick={() => update({ page: state.page - 1 })}
            />
            <span className={styles.pageOf}>
              Page {number.format(state.page + 1)} of {number.format(pages)}
            </span>
            <Button
              size="sm"
              icon={<ChevronRight />}
              aria-label="Next page"
              disabled={!canGoOn}
              onClick={() => update({ page: state.page + 1 })}
            />
          </div>
        </footer>
      </div>
      <Outlet />
    </div>
  );
}
