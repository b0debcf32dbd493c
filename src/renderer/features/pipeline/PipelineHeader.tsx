import { Columns3, Plus, Table2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import type { DealFilters } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { NewDealSheet } from '../deals/DealForm';
import { ExportButton } from '../import/ExportButton';
import { PIPELINE_COMMANDS } from './commands';
import styles from './PipelineHeader.module.css';
import { SavedViews } from './SavedViews';

interface PipelineHeaderProps {
  view: 'board' | 'table';
  summary?: { count: number; valueMinor: number; weightedMinor: number; currency: string };
  filters: DealFilters;
  sort?: { field: string; direction: 'asc' | 'desc' };
  /** More actions of the view, before Export (the table's column menu). */
  actions?: ReactNode;
}

/** Title, the open pipeline in numbers, the board/table switch and the actions of both views. */
export function PipelineHeader({ view, summary, filters, sort, actions }: PipelineHeaderProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const [creating, setCreating] = useState(false);
  useShortcut(PIPELINE_COMMANDS.newDeal, () => setCreating(true));
  useShortcut(PIPELINE_COMMANDS.board, () =>
    navigate({ pathname: '/board', search: location.search }),
  );
  useShortcut(PIPELINE_COMMANDS.table, () =>
    navigate({ pathname: '/deals', search: location.search }),
  );

  return (
    <header className={styles.header}>
      <div className={styles.titles}>
        <h1 className={styles.title}>Pipeline</h1>
        <SavedViews surface={view} />
        {summary && (
          <p className={styles.summary}>
            <strong>{formatMoney(summary.valueMinor, summary.currency)}</strong> open ·{' '}
            <strong>{formatMoney(summary.weightedMinor, summary.currency)}</strong> weighted ·{' '}
            {summary.count.toLocaleString()} open deals
          </p>
        )}
      </div>
      <div className={styles.actions}>
        <nav className={styles.switch} aria-label="Pipeline view">
          <NavLink
            to={{ pathname: '/board', search: location.search }}
            className={view === 'board' ? styles.on : undefined}
            title={`Board (${keyLabel(PIPELINE_COMMANDS.board.keys)})`}
          >
            <Columns3 size={15} aria-hidden /> Board
          </NavLink>
          <NavLink
            to={{ pathname: '/deals', search: location.search }}
            className={view === 'table' ? styles.on : undefined}
            title={`Table (${keyLabel(PIPELINE_COMMANDS.table.keys)})`}
          >
            <Table2 size={15} aria-hidden /> Table
          </NavLink>
        </nav>
        {actions}
        <ExportButton method="export.deals" input={{ filters, sort: sort as never }} />
        <Button
          variant="primary"
          icon={<Plus />}
          shortcut={keyLabel(PIPELINE_COMMANDS.newDeal.keys)}
          onClick={() => setCreating(true)}
        >
          New deal
        </Button>
      </div>
      {creating && <NewDealSheet onClose={() => setCreating(false)} />}
    </header>
  );
}
